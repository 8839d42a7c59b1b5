import { describe, expect, it } from 'vitest';
import { ALARM_STATES, type AlarmState } from '../../../contracts/src/alarm';
import { ALARM_COMMANDS, isOpen, transition, type AlarmCommand } from './alarm-state-machine';

/** Every (state, command) pair: the legal ones and where they lead; everything else is refused. */
const LEGAL: Record<string, AlarmState> = {
  'new/acknowledge': 'acknowledged',
  'new/assign': 'new',
  'new/dismiss': 'dismissed',
  'new/recover': 'resolved',
  'new/convert': 'converted',
  'acknowledged/assign': 'acknowledged',
  'acknowledged/dismiss': 'dismissed',
  'acknowledged/resolve': 'resolved',
  'acknowledged/recover': 'resolved',
  'acknowledged/convert': 'converted',
};

describe('alarm state machine', () => {
  const pairs = ALARM_STATES.flatMap((s) => ALARM_COMMANDS.map((c) => [s, c] as [AlarmState, AlarmCommand]));

  it.each(pairs)('%s + %s', (state, command) => {
    const result = transition(state, command);
    const expected = LEGAL[`${state}/${command}`];
    if (expected) expect(result).toEqual({ ok: true, to: expected });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^(cannot |the alarm is already)/);
    }
  });

  it('covers 30 pairs, 10 of them legal', () => {
    expect(pairs).toHaveLength(30);
    expect(pairs.filter(([s, c]) => transition(s, c).ok)).toHaveLength(10);
  });

  it('explains the refusals an operator meets most', () => {
    expect(transition('new', 'resolve')).toEqual({ ok: false, message: 'cannot resolve an alarm that is new: acknowledge it first' });
    expect(transition('acknowledged', 'acknowledge')).toEqual({ ok: false, message: 'the alarm is already acknowledged' });
    expect(transition('resolved', 'dismiss')).toEqual({ ok: false, message: 'cannot dismiss an alarm that is resolved' });
    expect(transition('converted', 'acknowledge')).toEqual({ ok: false, message: 'cannot acknowledge an alarm that is converted to an incident' });
  });

  it('treats new and acknowledged as open, the rest as closed', () => {
    expect(ALARM_STATES.filter(isOpen)).toEqual(['new', 'acknowledged']);
  });
});
