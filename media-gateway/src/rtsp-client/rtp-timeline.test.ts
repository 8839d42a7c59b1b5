import { describe, expect, it } from 'vitest';
import { SequenceTracker, TimestampUnwrapper } from './rtp-timeline';

const run = (seqs: number[]): string[] => {
  const t = new SequenceTracker();
  return seqs.map((s) => {
    const v = t.push(s);
    return v.accept ? `+${v.lost}` : 'drop';
  });
};

describe('SequenceTracker (RFC 3550 A.1)', () => {
  it('counts gaps as loss across the 16-bit wrap and drops late or duplicate packets', () => {
    expect(run([65534, 65535, 0, 3, 3, 2, 4])).toEqual(['+0', '+0', '+0', '+2', 'drop', 'drop', '+0']);
  });

  it('takes a jump forward or back as a restart only when the next packet follows it', () => {
    expect(run([100, 101, 40_000, 102, 103])).toEqual(['+0', '+0', 'drop', '+0', '+0']);
    expect(run([30_000, 30_001, 5, 6, 7])).toEqual(['+0', '+0', 'drop', '+1', '+0']);
    expect(run([10, 11, 9000, 9001, 9002])).toEqual(['+0', '+0', 'drop', '+1', '+0']);
  });
});

describe('TimestampUnwrapper', () => {
  it('unwraps 32-bit timestamps and reports steps beyond the jump and reorder limits', () => {
    const u = new TimestampUnwrapper(900_000, 90_000);
    expect(u.push(2 ** 32 - 3600).value).toBe(2 ** 32 - 3600);
    expect(u.push(3600)).toEqual({ value: 2 ** 32 + 3600, event: null });
    expect(u.push(0)).toEqual({ value: 2 ** 32, event: null }); // B-frame reorder: small step back
    expect(u.push(1_000_000).event).toEqual({ kind: 'jump-forward', deltaClock: 1_000_000 });
    expect(u.push(800_000).event).toEqual({ kind: 'jump-backward', deltaClock: -200_000 });
  });
});
