import { describe, expect, it } from 'vitest';
import { RtmpAdmission } from './rtmp-admission';

describe('RtmpAdmission', () => {
  it('caps pending connections per address and in total, and frees slots on release', () => {
    const a = new RtmpAdmission({ maxPending: 5, maxPendingPerAddress: 2 });
    expect([a.admit('10.0.0.1'), a.admit('10.0.0.1'), a.admit('10.0.0.1')]).toEqual([true, true, false]);
    expect([a.admit('10.0.0.2'), a.admit('10.0.0.2'), a.admit('10.0.0.3'), a.admit('10.0.0.4')]).toEqual([true, true, true, false]);
    expect(a.pending).toBe(5);
    a.release('10.0.0.1');
    expect(a.admit('10.0.0.4')).toBe(true);
    expect(a.admit('10.0.0.1')).toBe(false);
  });

  it('forgets an address once its last slot is released; a stray release changes nothing', () => {
    const a = new RtmpAdmission({ maxPending: 3, maxPendingPerAddress: 3 });
    a.admit('10.0.0.1');
    a.release('10.0.0.1');
    a.release('10.0.0.1');
    a.release('10.0.0.9');
    expect(a.pending).toBe(0);
    expect(a.addresses).toBe(0);
  });
});
