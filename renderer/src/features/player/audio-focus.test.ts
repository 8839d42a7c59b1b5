import { describe, expect, it } from 'vitest';
import { audioFocus } from './audio-focus';

describe('audioFocus', () => {
  it('lets one player be heard at a time, and forgets a released one', () => {
    const [a, b] = [Symbol('a'), Symbol('b')];
    let changes = 0;
    const off = audioFocus.subscribe(() => changes++);
    expect(audioFocus.isAudible(a)).toBe(false); // every player starts muted
    audioFocus.set(a);
    audioFocus.set(b); // unmuting b mutes a
    expect([audioFocus.isAudible(a), audioFocus.isAudible(b)]).toEqual([false, true]);
    audioFocus.release(a); // a was not audible: nothing changes
    expect(audioFocus.isAudible(b)).toBe(true);
    audioFocus.release(b);
    expect(audioFocus.isAudible(b)).toBe(false);
    off();
    audioFocus.set(a);
    expect(changes).toBe(3);
    audioFocus.set(null);
  });
});
