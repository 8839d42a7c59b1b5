import { describe, expect, it } from 'vitest';
import { jumpToLivePosition, peekPosition } from './start-position';

describe('start position of a live tile', () => {
  it('shows the first buffered keyframe while the element still sits before it', () => {
    expect(peekPosition(0, [{ start: 23.96, end: 24.16 }])).toBe(23.96);
    expect(peekPosition(23.96, [{ start: 23.96, end: 24.16 }])).toBeNull();
    expect(peekPosition(0, [])).toBeNull();
  });

  it('jumps to the live position once it is buffered, not before, and not for a small lag', () => {
    const buffered = [{ start: 3.96, end: 7.36 }];
    expect(jumpToLivePosition(3.96, 6.82, buffered)).toBe(6.82);
    expect(jumpToLivePosition(3.96, 7.5, buffered)).toBeNull(); // not loaded yet
    expect(jumpToLivePosition(6.7, 6.82, buffered)).toBeNull(); // close enough: rate catch-up
    expect(jumpToLivePosition(3.96, null, buffered)).toBeNull();
  });
});
