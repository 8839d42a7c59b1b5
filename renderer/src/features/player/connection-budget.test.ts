import { describe, expect, it } from 'vitest';
import { classifyProtocol, LowLatencyBudget, mayUseLowLatency, type HttpProtocolClass } from './connection-budget';

describe('connection budget for blocking reloads', () => {
  it('classifies nextHopProtocol', () => {
    expect(classifyProtocol('h2')).toBe('multiplexed');
    expect(classifyProtocol('h3')).toBe('multiplexed');
    expect(classifyProtocol('http/1.1')).toBe('http1');
    expect(classifyProtocol('')).toBe('unknown');
    expect(classifyProtocol(undefined)).toBe('unknown');
  });

  it('HTTP/2 has no budget; HTTP/1.1 and unknown allow two low-latency tiles', () => {
    expect(mayUseLowLatency('multiplexed', 35)).toBe(true);
    expect(mayUseLowLatency('http1', 1)).toBe(true);
    expect(mayUseLowLatency('http1', 2)).toBe(false);
    expect(mayUseLowLatency('unknown', 2)).toBe(false);
  });

  it('a 16-tile HTTP/1.1 wall: the first two tiles get low latency, a freed slot goes to the next tile', () => {
    const budget = new LowLatencyBudget(() => 'http1');
    const leases = Array.from({ length: 16 }, () => budget.acquire());
    expect(leases.map((l) => l.lowLatency).filter(Boolean)).toHaveLength(2);
    expect(leases[0]!.lowLatency && leases[1]!.lowLatency).toBe(true);
    leases[0]!.release();
    leases[0]!.release(); // twice is harmless
    expect(budget.acquire().lowLatency).toBe(true);
    expect(budget.acquire().lowLatency).toBe(false);
  });

  it('reads the protocol at each acquire', () => {
    let protocol: HttpProtocolClass = 'unknown';
    const budget = new LowLatencyBudget(() => protocol);
    budget.acquire();
    budget.acquire();
    expect(budget.acquire().lowLatency).toBe(false);
    protocol = 'multiplexed';
    expect(budget.acquire().lowLatency).toBe(true);
  });
});
