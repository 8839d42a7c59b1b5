/**
 * H.264 Annex-B byte streams: split into NAL units and group them into access units (one picture each).
 * Used once per clip at load time, never per packet.
 */

export const NAL_TYPE = {
  NON_IDR_SLICE: 1,
  IDR_SLICE: 5,
  SEI: 6,
  SPS: 7,
  PPS: 8,
  AUD: 9,
} as const;

export function nalType(nal: Uint8Array): number {
  return (nal[0] ?? 0) & 0x1f;
}

export function isVcl(type: number): boolean {
  return type >= 1 && type <= 5;
}

const START_CODE = Buffer.from([0, 0, 1]);

/**
 * NAL unit payloads (header byte first, start codes removed) in stream order. Accepts 3- and 4-byte start codes;
 * the zero bytes before a start code (trailing_zero_8bits / the 4th start-code byte) are not part of the NAL.
 * Returned buffers are views into `data`.
 */
export function splitAnnexB(data: Buffer): Buffer[] {
  const nals: Buffer[] = [];
  let start = data.indexOf(START_CODE, 0);
  if (start < 0) return nals;
  start += 3;
  while (start <= data.length) {
    const next = data.indexOf(START_CODE, start);
    let end = next < 0 ? data.length : next;
    while (end > start && data[end - 1] === 0) end--;
    if (end > start) nals.push(data.subarray(start, end));
    if (next < 0) break;
    start = next + 3;
  }
  return nals;
}

export interface AccessUnit {
  nals: Buffer[];
  /** Contains an IDR slice: a decoder can start here (given SPS/PPS). */
  keyframe: boolean;
}

/** first_mb_in_slice == 0 (its ue(v) code is a single 1 bit) marks the first slice of a new picture. */
function isFirstSliceOfPicture(nal: Buffer): boolean {
  return nal.length > 1 && ((nal[1] ?? 0) & 0x80) !== 0;
}

/**
 * Group NAL units into access units. An AUD always starts a new one; without AUDs, a new one starts at SPS/PPS/SEI
 * after a picture, or at a slice whose first_mb_in_slice is 0 (H.264 7.4.1.2.3, simplified for our encoder output).
 */
export function groupAccessUnits(nals: Buffer[]): AccessUnit[] {
  const units: AccessUnit[] = [];
  let current: AccessUnit | null = null;
  let currentHasVcl = false;
  const begin = (): AccessUnit => {
    current = { nals: [], keyframe: false };
    currentHasVcl = false;
    units.push(current);
    return current;
  };
  for (const nal of nals) {
    const type = nalType(nal);
    let unit: AccessUnit = current ?? begin();
    if (type === NAL_TYPE.AUD) {
      if (unit.nals.length > 0) unit = begin();
    } else if (currentHasVcl && (type === NAL_TYPE.SPS || type === NAL_TYPE.PPS || type === NAL_TYPE.SEI)) {
      unit = begin();
    } else if (currentHasVcl && isVcl(type) && isFirstSliceOfPicture(nal)) {
      unit = begin();
    }
    unit.nals.push(nal);
    if (isVcl(type)) currentHasVcl = true;
    if (type === NAL_TYPE.IDR_SLICE) unit.keyframe = true;
  }
  return units.filter((u) => u.nals.some((n) => isVcl(nalType(n))));
}

/** `profile-level-id` for SDP: profile_idc, constraint flags and level_idc from the SPS, as 6 hex digits. */
export function profileLevelId(sps: Uint8Array): string {
  if (sps.length < 4 || nalType(sps) !== NAL_TYPE.SPS) throw new Error('not an SPS NAL unit');
  return Buffer.from(sps.subarray(1, 4)).toString('hex').toUpperCase();
}
