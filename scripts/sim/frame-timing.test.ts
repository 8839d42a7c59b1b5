import { describe, expect, it } from 'vitest';
import { frameSentAt, latestSendOf, sendOrderOf, type SessionTiming } from './frame-timing';

const timing = (over: Partial<SessionTiming> = {}): SessionTiming => ({
  stream: 'sub', transport: 'tcp', playing: true, startedAt: 10_000, fps: 25, clipFrames: 100, firstClipFrame: 50, sendOrder: null, ...over,
});

describe('frame timing', () => {
  it('gives the send time of frame N in loop K from the session start', () => {
    const t = timing();
    expect(frameSentAt(t, 50, 0)).toBe(10_000);
    expect(frameSentAt(t, 60, 0)).toBe(10_400);
    expect(frameSentAt(t, 10, 1)).toBe(12_400); // 50 frames to the loop end, then 10 more
    expect(frameSentAt(timing({ startedAt: null }), 1, 0)).toBeNull();
  });

  it('finds the latest send of a frame before a viewing time', () => {
    const t = timing();
    expect(latestSendOf(t, 10, 13_000)).toBe(12_400);
    expect(latestSendOf(t, 10, 16_399)).toBe(12_400);
    expect(latestSendOf(t, 10, 16_400)).toBe(16_400);
    expect(latestSendOf(t, 10, 12_000)).toBeNull(); // not sent yet in this session
  });

  it('maps B-frame presentation indices to their decode positions', () => {
    // decode order I0 P3 B1 B2 P6 B4 B5: offsets presentation − decode
    const order = sendOrderOf([0, 2, -1, -1, 2, -1, -1]);
    expect(order).toEqual([0, 2, 3, 1, 5, 6, 4]);
    expect(sendOrderOf([0, 0, 0])).toBeNull();
    expect(frameSentAt(timing({ firstClipFrame: 0, sendOrder: order }), 3, 0)).toBe(10_040);
  });
});
