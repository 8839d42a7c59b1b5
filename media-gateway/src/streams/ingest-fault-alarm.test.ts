import { describe, expect, it } from 'vitest';
import { IngestFaultAlarm } from './ingest-fault-alarm';

function setup() {
  const calls: string[] = [];
  const alarm = new IngestFaultAlarm({ raise: (detail) => calls.push(`raise ${/on (\S+)/.exec(detail)?.[1]}`), resolve: () => calls.push('resolve') }, () => 1000, 3);
  return { alarm, calls };
}

describe('IngestFaultAlarm', () => {
  it('raises once per episode after 3 deaths in a row, resolves when the failing pipelines run again', () => {
    const { alarm, calls } = setup();
    alarm.died('cam1', 'sub', 1);
    alarm.died('cam1', 'sub', 2);
    expect(calls).toEqual([]);
    alarm.died('cam1', 'sub', 3);
    alarm.died('cam1', 'sub', 4);
    alarm.died('cam2', 'main', 3);
    expect(calls).toEqual(['raise cam1/sub']);
    alarm.live('cam1', 'sub');
    expect(calls).toHaveLength(1); // cam2 still failing
    alarm.live('cam2', 'main');
    expect(calls.at(-1)).toBe('resolve');
    alarm.live('cam3', 'sub');
    expect(calls).toHaveLength(2);
    // A new episode: a new alarm.
    alarm.died('cam1', 'sub', 3);
    expect(calls).toHaveLength(3);
  });

  it('a failing pipeline that stops keeps the episode open until some pipeline runs', () => {
    const { alarm, calls } = setup();
    alarm.live('cam9', 'sub'); // first video since start: resolves an episode left open by the last run
    expect(calls).toEqual(['resolve']);
    alarm.died('cam1', 'sub', 3);
    alarm.removed('cam1', 'sub');
    expect(calls).toHaveLength(2);
    alarm.live('cam2', 'sub');
    expect(calls.at(-1)).toBe('resolve');
  });
});
