import { describe, expect, it } from 'vitest';
import { subForCapacity, autoProfile, effectiveProfile } from './stream-choice';

describe('main/sub by tile size', () => {
  it('a 1-split tile (1400 px) and the big cell of 1+5 (930 px) choose main; a 16-split tile (350 px) sub', () => {
    expect(autoProfile(null, 1400, 1)).toBe('main');
    expect(autoProfile(null, 930, 1)).toBe('main');
    expect(autoProfile(null, 350, 1)).toBe('sub');
  });

  it('counts device pixels: a 500 px tile on a 2× display is 1000 px wide', () => {
    expect(autoProfile(null, 500, 2)).toBe('main');
    expect(autoProfile(null, 500, 1)).toBe('sub');
    expect(autoProfile(null, 500, 0)).toBe('sub');
  });

  it('between the thresholds it keeps what it plays (no flip-flop while resizing)', () => {
    let p = autoProfile(null, 700, 1);
    expect(p).toBe('sub');
    const widths = [700, 790, 810, 760, 700, 650, 800, 700, 630, 700, 790];
    const seen = widths.map((w) => (p = autoProfile(p, w, 1)));
    expect(seen).toEqual(['sub', 'sub', 'main', 'main', 'main', 'main', 'main', 'main', 'sub', 'sub', 'sub']);
  });

  it('the override wins, except main where the role may not open it', () => {
    expect(effectiveProfile('auto', 'main', true)).toBe('main');
    expect(effectiveProfile('main', 'sub', true)).toBe('main');
    expect(effectiveProfile('sub', 'main', true)).toBe('sub');
    expect(effectiveProfile('main', 'main', false)).toBe('sub');
  });
});

describe('sub stream when the main stream is refused for transcode capacity', () => {
  it('only for an automatic main-stream choice refused with transcode-capacity', () => {
    expect(subForCapacity('main', 'auto', 'transcode-capacity')).toBe(true);
    expect(subForCapacity('main', 'main', 'transcode-capacity')).toBe(false);
    expect(subForCapacity('sub', 'auto', 'transcode-capacity')).toBe(false);
    expect(subForCapacity('main', 'auto', 'offline')).toBe(false);
    expect(subForCapacity('main', 'auto', null)).toBe(false);
  });
});
