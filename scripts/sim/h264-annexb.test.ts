import { describe, expect, it } from 'vitest';
import { NAL_TYPE, groupAccessUnits, nalType, profileLevelId, splitAnnexB } from './h264-annexb';

const sc4 = [0, 0, 0, 1];
const sc3 = [0, 0, 1];
const SPS = [0x67, 0x4d, 0x40, 0x1e, 0xaa];
const PPS = [0x68, 0xee, 0x3c, 0x80];
const AUD = [0x09, 0xf0];
const IDR = [0x65, 0x88, 0x84, 0x00, 0x21];
const P1 = [0x41, 0x9a, 0x02]; // first_mb_in_slice = 0 (top bit set)
const P1b = [0x41, 0x40, 0x03]; // a second slice of the same picture (first_mb != 0)

describe('splitAnnexB', () => {
  it('splits on 3- and 4-byte start codes and drops trailing zero bytes', () => {
    const data = Buffer.from([...sc4, ...SPS, ...sc3, ...PPS, 0, 0, ...sc4, ...IDR, 0]);
    const nals = splitAnnexB(data);
    expect(nals.map((n) => [...n])).toEqual([SPS, PPS, IDR]);
    expect(nals.map(nalType)).toEqual([NAL_TYPE.SPS, NAL_TYPE.PPS, NAL_TYPE.IDR_SLICE]);
  });

  it('returns nothing without a start code', () => {
    expect(splitAnnexB(Buffer.from([1, 2, 3]))).toEqual([]);
  });
});

describe('groupAccessUnits', () => {
  it('starts a new access unit at every AUD', () => {
    const data = Buffer.from([...sc4, ...AUD, ...sc4, ...SPS, ...sc4, ...PPS, ...sc4, ...IDR, ...sc4, ...AUD, ...sc4, ...P1, ...sc4, ...AUD, ...sc4, ...P1]);
    const units = groupAccessUnits(splitAnnexB(data));
    expect(units).toHaveLength(3);
    expect(units.map((u) => u.keyframe)).toEqual([true, false, false]);
    expect(units[0]?.nals.map(nalType)).toEqual([9, 7, 8, 5]);
  });

  it('falls back to first_mb_in_slice and parameter sets without AUDs', () => {
    const data = Buffer.from([...sc4, ...SPS, ...sc4, ...PPS, ...sc4, ...IDR, ...sc4, ...P1, ...sc4, ...P1b, ...sc4, ...P1]);
    const units = groupAccessUnits(splitAnnexB(data));
    expect(units.map((u) => u.nals.length)).toEqual([3, 2, 1]);
  });

  it('reads profile-level-id from the SPS', () => {
    expect(profileLevelId(Buffer.from(SPS))).toBe('4D401E');
    expect(() => profileLevelId(Buffer.from(PPS))).toThrow();
  });
});
