import { describe, expect, it } from 'vitest';
import { alarm } from './alarm-fixtures.test-util';
import { nextCurrent, queueOf, stepQueue } from './alarm-queue';
import { loudest, notesOf, readMuted, soundFor } from './alarm-sound';

const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s)).toISOString();

describe('pop-up queue', () => {
  it('holds new alarms only, most severe first, then oldest first', () => {
    const list = [
      alarm('minor-old', { severity: 'minor', firstAt: at(1) }),
      alarm('major-late', { severity: 'major', firstAt: at(5) }),
      alarm('major-early', { severity: 'major', firstAt: at(2) }),
      alarm('critical', { severity: 'critical', firstAt: at(9) }),
      alarm('acked', { severity: 'critical', state: 'acknowledged' }),
      alarm('dismissed', { state: 'dismissed' }),
      alarm('converted', { state: 'converted' }),
    ];
    expect(queueOf(new Map(list.map((a) => [a.id, a]))).map((a) => a.id)).toEqual(['critical', 'major-early', 'major-late', 'minor-old']);
  });

  it('keeps showing the current alarm when others arrive', () => {
    expect(nextCurrent(['a', 'b'], ['c', 'a', 'b'], 'a')).toBe('a');
    expect(nextCurrent([], ['a', 'b'], null)).toBe('a');
  });

  it('moves on to the next one when the current leaves (acknowledged), else the last; empty → nothing', () => {
    expect(nextCurrent(['a', 'b', 'c'], ['a', 'c'], 'b')).toBe('c');
    expect(nextCurrent(['a', 'b', 'c'], ['a', 'b'], 'c')).toBe('b');
    expect(nextCurrent(['a', 'b', 'c'], ['a'], 'b')).toBe('a');
    expect(nextCurrent(['a'], [], 'a')).toBeNull();
  });

  it('next/previous wrap around', () => {
    expect(stepQueue(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(stepQueue(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(stepQueue(['a', 'b'], 'x', 1)).toBe('a');
    expect(stepQueue([], 'a', 1)).toBeNull();
  });
});

describe('alarm sound', () => {
  const rule = (sound: string) => [{ ruleId: 'r', ruleName: 'r', layoutId: null, wallId: null, interruptTour: false, sound }] as never;

  it('the rule’s sound wins, else by severity (critical siren, major alert, minor chime, info none)', () => {
    expect(soundFor(alarm('a', { severity: 'critical' }))).toBe('siren');
    expect(soundFor(alarm('a', { severity: 'major' }))).toBe('alert');
    expect(soundFor(alarm('a', { severity: 'minor' }))).toBe('chime');
    expect(soundFor(alarm('a', { severity: 'info' }))).toBe('none');
    expect(soundFor(alarm('a', { severity: 'info', actions: rule('siren') }))).toBe('siren');
    expect(soundFor(alarm('a', { severity: 'critical', actions: rule('none') }))).toBe('none');
    expect(soundFor(alarm('a', { severity: 'minor', actions: rule('by-severity') }))).toBe('chime');
    expect(soundFor(alarm('a', { severity: 'minor', actions: rule('kazoo') }))).toBe('chime');
  });

  it('several at once: the loudest', () => {
    expect(loudest([alarm('a', { severity: 'minor' }), alarm('b', { severity: 'critical' })])).toBe('siren');
    expect(loudest([])).toBe('none');
  });

  it('each sound has notes, none has none', () => {
    expect(notesOf('siren').length).toBeGreaterThan(0);
    expect(notesOf('alert').length).toBe(3);
    expect(notesOf('chime').length).toBe(2);
    expect(notesOf('none')).toEqual([]);
  });

  it('mute is remembered; broken storage means not muted', () => {
    expect(readMuted({ getItem: () => '1' })).toBe(true);
    expect(readMuted({ getItem: () => null })).toBe(false);
    expect(
      readMuted({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe(false);
  });
});
