import { describe, expect, it } from 'vitest';
import { FragmentAssembler } from './fragment-assembler';
import type { AssembledItem } from './fragment-assembler';
import { Fmp4ParseError } from './fmp4-parser';
import type { Mp4Box } from './mp4-box-reader';
import { box, fullBox, readFixture, topLevelBoxes, u32 } from './testing/fmp4-fixtures';

const asBox = (bytes: Buffer): Mp4Box => ({ type: bytes.toString('latin1', 4, 8), size: bytes.length, headerSize: 8, bytes });
const fixtureBoxes = topLevelBoxes(readFixture('gop1s.mp4')).map((b) => asBox(b.bytes));
const moov = fixtureBoxes.find((b) => b.type === 'moov') as Mp4Box;

/** moof+mdat without any sample duration (tfhd and trun carry none, ffmpeg's trex says 0). */
function noDurationFragment(tfdt: number, samples = 5): Mp4Box[] {
  const traf = box('traf', fullBox('tfhd', 0, 0, u32(1)), fullBox('tfdt', 0, 0, u32(tfdt)), fullBox('trun', 0, 0, u32(samples)));
  return [asBox(box('moof', fullBox('mfhd', 0, 0, u32(1)), traf)), asBox(box('mdat', Buffer.alloc(10)))];
}

const fragments = (items: AssembledItem[]): [number, number][] =>
  items.flatMap((i) => (i.kind === 'fragment' ? [[i.fragment.startTicks, i.fragment.durationTicks] as [number, number]] : []));

describe('FragmentAssembler', () => {
  it('turns the fixture into one init and 20 timed moof+mdat fragments (mfra ignored)', () => {
    const a = new FragmentAssembler();
    const items = fixtureBoxes.flatMap((b) => a.push(b));
    expect(items[0]?.kind).toBe('init');
    if (items[0]?.kind === 'init') expect(items[0].init.bytes.toString('latin1', 4, 8)).toBe('ftyp');
    expect(fragments(items)).toEqual(Array.from({ length: 20 }, (_, i) => [i * 2560, 2560]));
  });

  it('takes a missing duration from the next fragment tfdt, and estimates the last one on flush', () => {
    const a = new FragmentAssembler();
    a.push(moov);
    expect(noDurationFragment(0).flatMap((b) => a.push(b))).toEqual([]);
    expect(fragments(noDurationFragment(2000).flatMap((b) => a.push(b)))).toEqual([[0, 2000]]);
    expect(fragments(noDurationFragment(4000).flatMap((b) => a.push(b)))).toEqual([[2000, 2000]]);
    expect(fragments(a.flush())).toEqual([[4000, 2000]]); // 400 ticks/sample × 5 samples
    expect(a.flush()).toEqual([]);
  });

  it('emits a held fragment before a new init (it belongs to the old timeline)', () => {
    const a = new FragmentAssembler();
    a.push(moov);
    noDurationFragment(0).forEach((b) => a.push(b));
    noDurationFragment(1000).forEach((b) => a.push(b));
    expect(a.push(moov).map((i) => i.kind)).toEqual(['fragment', 'init']);
  });

  it('rejects a moof before any init and ignores a stray mdat', () => {
    const a = new FragmentAssembler();
    expect(a.push(asBox(box('mdat', Buffer.alloc(4))))).toEqual([]);
    expect(() => a.push(noDurationFragment(0)[0] as Mp4Box)).toThrow(Fmp4ParseError);
  });
});
