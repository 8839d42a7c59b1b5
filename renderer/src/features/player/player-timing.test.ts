import { describe, expect, it } from 'vitest';
import { backoffDelayMs, BACKOFF_MAX_MS } from './backoff';
import { FROZEN_AFTER_MS, isFrozen, sampleFreeze, startFreezeState } from './freeze-detector';
import { expiresAtClientMs, MIN_REFRESH_DELAY_MS, refreshAtMs, refreshDelayMs, tokenLifetimeMs } from './token-refresh';

describe('backoffDelayMs', () => {
  it('doubles from 1 s and caps at 10 s', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5, 50, 5000].map((a) => backoffDelayMs(a, noJitter))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
  });
  it('jitters downwards by at most 20 %, never above the cap', () => {
    expect(backoffDelayMs(0, () => 1)).toBe(800);
    expect(backoffDelayMs(10, () => 1)).toBe(8000);
    for (let i = 0; i < 100; i++) expect(backoffDelayMs(i % 8)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
  });
  it('treats negative or fractional attempts sanely', () => {
    expect(backoffDelayMs(-3, () => 0)).toBe(1000);
    expect(backoffDelayMs(1.7, () => 0)).toBe(2000);
  });
});

describe('token refresh timing', () => {
  const at = Date.UTC(2030, 0, 1, 0, 0, 0);
  const fiveMin = new Date(at + 5 * 60_000).toISOString();

  it('refreshes a 5-minute token one minute early', () => {
    const t = { expiresAt: fiveMin, serverDateMs: at, receivedAtMs: at };
    expect(tokenLifetimeMs(t)).toBe(300_000);
    expect(refreshAtMs(t)).toBe(at + 240_000);
    expect(refreshDelayMs(t, at + 10_000)).toBe(230_000);
  });

  it('uses the server clock, so a client clock 1 h ahead still refreshes in time', () => {
    const skewed = at + 3_600_000;
    const t = { expiresAt: fiveMin, serverDateMs: at, receivedAtMs: skewed };
    expect(refreshAtMs(t)).toBe(skewed + 240_000);
    expect(expiresAtClientMs(t)).toBe(skewed + 300_000);
  });

  it('refreshes a short token a quarter early, at least 5 s after arrival', () => {
    expect(refreshAtMs({ expiresAt: new Date(at + 20_000).toISOString(), serverDateMs: null, receivedAtMs: at })).toBe(at + 15_000);
    expect(refreshAtMs({ expiresAt: new Date(at + 4_000).toISOString(), serverDateMs: null, receivedAtMs: at })).toBe(at + MIN_REFRESH_DELAY_MS);
  });

  it('falls back to a short delay for an unreadable or past expiry', () => {
    expect(refreshAtMs({ expiresAt: 'garbage', serverDateMs: null, receivedAtMs: at })).toBe(at + MIN_REFRESH_DELAY_MS);
    expect(refreshAtMs({ expiresAt: new Date(at - 1000).toISOString(), serverDateMs: at, receivedAtMs: at })).toBe(at + MIN_REFRESH_DELAY_MS);
    expect(refreshDelayMs({ expiresAt: fiveMin, serverDateMs: at, receivedAtMs: at }, at + 999_999)).toBe(0);
  });
});

describe('freeze detector', () => {
  const playing = (currentTime: number) => ({ currentTime, paused: false, seeking: false });

  it('sees playback advance and resets the stall clock', () => {
    const s0 = startFreezeState(10, 0);
    const c = sampleFreeze(s0, playing(10.5), 500);
    expect(c.advanced).toBe(true);
    expect(c.stalledMs).toBe(0);
  });

  it('reports a frozen playhead after 3 s', () => {
    let state = startFreezeState(10, 0);
    let stalled = 0;
    for (let t = 500; t <= 3000; t += 500) ({ state, stalledMs: stalled } = sampleFreeze(state, playing(10), t));
    expect(stalled).toBe(FROZEN_AFTER_MS);
    expect(isFrozen(stalled)).toBe(true);
    expect(isFrozen(2999)).toBe(false);
  });

  it('does not count a seek, a paused video or a jump as playback', () => {
    const s0 = startFreezeState(10, 0);
    expect(sampleFreeze(s0, { currentTime: 10.4, paused: true, seeking: false }, 500).advanced).toBe(false);
    expect(sampleFreeze(s0, { currentTime: 10.4, paused: false, seeking: true }, 500).advanced).toBe(false);
    const jumped = sampleFreeze(s0, playing(25), 500);
    expect(jumped.advanced).toBe(false);
    expect(jumped.stalledMs).toBe(500);
    // after the jump, normal playback from the new position counts again
    expect(sampleFreeze(jumped.state, playing(25.5), 1000).advanced).toBe(true);
  });

  it('accepts larger steps when the sampler was throttled', () => {
    const s0 = startFreezeState(10, 0);
    expect(sampleFreeze(s0, playing(14), 4000).advanced).toBe(true);
  });
});
