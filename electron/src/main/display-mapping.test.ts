import { describe, expect, it } from 'vitest';
import { displayForRect, displayKey, displayNumbers, matchDisplayKeys, parseDisplayKey, type DisplayDescriptor } from './display-mapping';

const d = (id: number, x: number, y: number, width = 1920, height = 1080, primary = false): DisplayDescriptor => ({ id, bounds: { x, y, width, height }, primary });

// A 2×2 wall above a primary operator monitor.
const bootOne = [d(11, 0, 1080, 1920, 1080, true), d(12, 0, 0), d(13, 1920, 0), d(14, 0, -1080), d(15, 1920, -1080)];
// Next boot: Electron hands out different ids, in a different order; the geometry is the same.
const bootTwo = [d(905, 1920, -1080), d(901, 0, 0), d(904, 0, 1080, 1920, 1080, true), d(902, 0, -1080), d(903, 1920, 0)];

describe('display keys', () => {
  it('are derived from position and size only, and parse back', () => {
    expect(displayKey({ x: -1920, y: 0, width: 1920, height: 1080 })).toBe('-1920,0,1920x1080');
    expect(displayKey({ x: 0.4, y: 1079.6, width: 2560, height: 1440 })).toBe('0,1080,2560x1440');
    expect(parseDisplayKey('-1920,0,1920x1080')).toEqual({ x: -1920, y: 0, width: 1920, height: 1080 });
    expect(parseDisplayKey('nonsense')).toBeNull();
  });

  it('are stable across reboots when Electron changes the ids and the order', () => {
    const keysOne = bootOne.map((x) => displayKey(x.bounds)).sort();
    const keysTwo = bootTwo.map((x) => displayKey(x.bounds)).sort();
    expect(keysTwo).toEqual(keysOne);
    const saved = bootOne.slice(1).map((x) => displayKey(x.bounds));
    const matched = matchDisplayKeys(saved, bootTwo);
    expect(saved.map((k) => matched.get(k)?.id)).toEqual([901, 903, 902, 905]);
  });

  it('numbers displays row-major (top row first, left to right), whatever the ids', () => {
    const one = displayNumbers(bootOne);
    const two = displayNumbers(bootTwo);
    expect([14, 15, 12, 13, 11].map((id) => one.get(id))).toEqual([1, 2, 3, 4, 5]);
    expect([902, 905, 901, 903, 904].map((id) => two.get(id))).toEqual([1, 2, 3, 4, 5]);
  });

  it('matches a monitor whose resolution changed by its position', () => {
    const now = [d(1, 0, 0, 1920, 1080, true), d(2, 1920, 0, 3840, 2160)];
    const matched = matchDisplayKeys(['1920,0,1920x1080'], now);
    expect(matched.get('1920,0,1920x1080')?.id).toBe(2);
  });

  it('leaves a key unmatched when nothing is at its place any more, and never matches one display twice', () => {
    const now = [d(1, 0, 0, 1920, 1080, true)];
    expect(matchDisplayKeys(['1920,0,1920x1080'], now).size).toBe(0);
    const both = matchDisplayKeys(['0,0,1920x1080', '0,0,1280x1024'], now);
    expect([...both.keys()]).toEqual(['0,0,1920x1080']);
  });

  it('finds the display holding most of a window, else the primary', () => {
    const displays = [d(1, 0, 0, 1920, 1080, true), d(2, 1920, 0)];
    expect(displayForRect(displays, { x: 1800, y: 100, width: 800, height: 600 })?.id).toBe(2);
    expect(displayForRect(displays, { x: 100, y: 100, width: 800, height: 600 })?.id).toBe(1);
    expect(displayForRect(displays, { x: 9000, y: 9000, width: 10, height: 10 })?.id).toBe(1);
  });
});
