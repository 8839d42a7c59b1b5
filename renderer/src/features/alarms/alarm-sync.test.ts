import { describe, expect, it } from 'vitest';
import { alarm } from './alarm-fixtures.test-util';
import { failLoad, finishLoad, INITIAL_ALARM_SYNC, isNewer, onAlarmEvent, openAlarms, readAlarmEvent, startLoad, withAlarm } from './alarm-sync';

const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s)).toISOString();

describe('alarm sync', () => {
  it('reads alarms topic events and refuses anything else', () => {
    const a = alarm('a1');
    expect(readAlarmEvent({ kind: 'created', alarm: a })).toEqual({ kind: 'created', alarm: a });
    expect(readAlarmEvent({ kind: 'deleted', alarm: a })).toBeNull();
    expect(readAlarmEvent({ kind: 'updated', alarm: { ...a, state: 'weird' } })).toBeNull();
    expect(readAlarmEvent({ kind: 'updated', alarm: { id: 'x' } })).toBeNull();
    expect(readAlarmEvent(null)).toBeNull();
  });

  it('upserts by id: an update replaces the alarm, a repeat of the same event changes nothing', () => {
    let s = finishLoad(startLoad(INITIAL_ALARM_SYNC), []);
    s = onAlarmEvent(s, { kind: 'created', alarm: alarm('a1') });
    s = onAlarmEvent(s, { kind: 'created', alarm: alarm('a1') });
    expect([...s.byId.keys()]).toEqual(['a1']);
    expect(s.arrivals).toEqual(['a1']);
    s = onAlarmEvent(s, { kind: 'updated', alarm: alarm('a1', { count: 3, updatedAt: at(5) }) });
    expect(s.byId.get('a1')!.count).toBe(3);
    // An older version (e.g. a REST answer read before the event) never overwrites a newer one.
    s = withAlarm(s, alarm('a1', { count: 2, updatedAt: at(2) }));
    expect(s.byId.get('a1')!.count).toBe(3);
  });

  it('keeps events that arrive during a load and applies them on top of its answer, in order', () => {
    let s = startLoad(INITIAL_ALARM_SYNC);
    s = onAlarmEvent(s, { kind: 'created', alarm: alarm('a2', { updatedAt: at(3) }) });
    s = onAlarmEvent(s, { kind: 'updated', alarm: alarm('a1', { state: 'acknowledged', updatedAt: at(4) }) });
    expect(s.byId.size).toBe(0);
    // The REST answer was read before the acknowledgement and before a2 existed.
    s = finishLoad(s, [alarm('a1', { updatedAt: at(1) }), alarm('a0', { updatedAt: at(1) })]);
    expect(s.loaded).toBe(true);
    expect(s.byId.get('a1')!.state).toBe('acknowledged');
    expect([...s.byId.keys()].sort()).toEqual(['a0', 'a1', 'a2']);
    expect(s.arrivals).toEqual(['a2']);
  });

  it('a REST answer newer than a pending event wins', () => {
    let s = startLoad(INITIAL_ALARM_SYNC);
    s = onAlarmEvent(s, { kind: 'updated', alarm: alarm('a1', { count: 2, updatedAt: at(2) }) });
    s = finishLoad(s, [alarm('a1', { count: 5, updatedAt: at(9) })]);
    expect(s.byId.get('a1')!.count).toBe(5);
  });

  it('a reload (resync) replaces what was known: alarms closed while away disappear', () => {
    let s = finishLoad(startLoad(INITIAL_ALARM_SYNC), [alarm('a1'), alarm('a2')]);
    s = finishLoad(startLoad(s), [alarm('a2')]);
    expect([...s.byId.keys()]).toEqual(['a2']);
  });

  it('a failed load keeps the old alarms and still applies what arrived', () => {
    let s = finishLoad(startLoad(INITIAL_ALARM_SYNC), [alarm('a1')]);
    s = onAlarmEvent(startLoad(s), { kind: 'created', alarm: alarm('a2') });
    s = failLoad(s);
    expect([...s.byId.keys()].sort()).toEqual(['a1', 'a2']);
    expect(s.loading).toBe(false);
  });

  it('open alarms are new and acknowledged ones, newest first', () => {
    const byId = new Map(
      [alarm('a', { firstAt: at(1) }), alarm('b', { firstAt: at(3), state: 'acknowledged' }), alarm('c', { firstAt: at(2), state: 'dismissed' })].map((a) => [a.id, a]),
    );
    expect(openAlarms(byId).map((a) => a.id)).toEqual(['b', 'a']);
  });

  it('isNewer: same timestamp counts as newer (later message)', () => {
    expect(isNewer(alarm('a', { updatedAt: at(1) }), alarm('a', { updatedAt: at(1) }))).toBe(true);
    expect(isNewer(alarm('a', { updatedAt: at(2) }), alarm('a', { updatedAt: at(1) }))).toBe(false);
    expect(isNewer(undefined, alarm('a'))).toBe(true);
  });
});
