/**
 * Every video frame of every clip carries its frame index within the clip (presentation order, 0..99) as a row of 16
 * black/white blocks top-right, so a viewer (ffmpeg, a browser canvas) can tell which frame it shows and, with the
 * session timing from the control API, when the simulator sent it (glass-to-glass latency).
 *
 * Layout, in fractions of the picture so it survives scaling: block i (0..15) covers x ∈ [(23+i)/40, (24+i)/40) × W,
 * y ∈ [2/45, 4/45) × H: 16×16 px at 640x360 (x 368..623, y 16..31), 32×32 at 1280x720. It stays out of the central
 * 50 % (plain camera colour) and clear of the label (top-left) and the sliding marker (bottom).
 *
 * Bits, left to right (white = 1): [0] 1 and [1] 0 (reference levels), [2..9] the frame index, 8 bits MSB first,
 * [10..13] a checksum, (index >> 4) + (index & 15) mod 16, MSB first, [14] 0, [15] 1.
 *
 * This module is pure and has no imports: a page may bundle it as is.
 */

export const PATTERN_BLOCKS = 16;
const COL0 = 23;
const COLS = 40;
const ROW_Y0 = 2 / 45;
const ROW_Y1 = 4 / 45;
const INDEX_BITS = 8;
const FIRST_INDEX_BLOCK = 2;
const FIRST_CHECK_BLOCK = 10;

export function patternChecksum(index: number): number {
  return ((index >> 4) + (index & 15)) & 15;
}

/** The 16 block values (1 = white) for a frame index 0..255. */
export function patternBits(index: number): number[] {
  if (!Number.isInteger(index) || index < 0 || index > 255) throw new RangeError('frame index must be 0..255');
  const bits = [1, 0];
  for (let b = INDEX_BITS - 1; b >= 0; b--) bits.push((index >> b) & 1);
  const check = patternChecksum(index);
  for (let b = 3; b >= 0; b--) bits.push((check >> b) & 1);
  bits.push(0, 1);
  return bits;
}

/** Pixel rectangle of block i in a width × height picture (x1/y1 exclusive). */
export function blockRect(i: number, width: number, height: number): { x0: number; x1: number; y0: number; y1: number } {
  return {
    x0: Math.round((width * (COL0 + i)) / COLS),
    x1: Math.round((width * (COL0 + i + 1)) / COLS),
    y0: Math.round(height * ROW_Y0),
    y1: Math.round(height * ROW_Y1),
  };
}

/**
 * ffmpeg filters (joined with ',') that paint the pattern of the filter's own frame number `n`: a black row, then one
 * white drawbox per bit, switched on per frame with a timeline expression. Commas inside expressions are escaped for
 * the filtergraph parser.
 */
export function patternFilters(width: number, height: number): string {
  const rect = (i: number): string => {
    const r = blockRect(i, width, height);
    return `x=${r.x0}:y=${r.y0}:w=${r.x1 - r.x0}:h=${r.y1 - r.y0}`;
  };
  const first = blockRect(0, width, height);
  const last = blockRect(PATTERN_BLOCKS - 1, width, height);
  const out = [`drawbox=x=${first.x0}:y=${first.y0}:w=${last.x1 - first.x0}:h=${first.y1 - first.y0}:color=black:t=fill`];
  const white = (i: number, expr?: string): void => {
    out.push(`drawbox=${rect(i)}:color=white:t=fill${expr ? `:enable='${expr.replace(/,/g, '\\,')}'` : ''}`);
  };
  white(0);
  for (let b = 0; b < INDEX_BITS; b++) white(FIRST_INDEX_BLOCK + b, `bitand(n,${1 << (INDEX_BITS - 1 - b)})`);
  const check = 'mod(floor(n/16)+mod(n,16),16)';
  for (let b = 0; b < 4; b++) white(FIRST_CHECK_BLOCK + b, `bitand(${check},${1 << (3 - b)})`);
  white(PATTERN_BLOCKS - 1);
  return out.join(',');
}

/**
 * Read the frame index from decoded pixels (RGB or RGBA rows, e.g. a canvas's getImageData().data with channels 4, or
 * ffmpeg `-pix_fmt rgb24` with channels 3), at any picture size. Averages the luma of the middle half of each block,
 * thresholds halfway between the two reference blocks and checks guards and checksum. Returns null when the picture
 * carries no valid pattern (wrong place, too little contrast, checksum mismatch).
 */
export function decodeFrameIndex(pixels: ArrayLike<number>, width: number, height: number, channels: 3 | 4 = 4): number | null {
  if (pixels.length < width * height * channels) return null;
  const luma: number[] = [];
  for (let i = 0; i < PATTERN_BLOCKS; i++) {
    const r = blockRect(i, width, height);
    const qx = Math.floor((r.x1 - r.x0) / 4);
    const qy = Math.floor((r.y1 - r.y0) / 4);
    let sum = 0;
    let count = 0;
    for (let y = r.y0 + qy; y < r.y1 - qy; y++) {
      for (let x = r.x0 + qx; x < r.x1 - qx; x++) {
        const o = (y * width + x) * channels;
        sum += 0.299 * (pixels[o] ?? 0) + 0.587 * (pixels[o + 1] ?? 0) + 0.114 * (pixels[o + 2] ?? 0);
        count++;
      }
    }
    if (count === 0) return null;
    luma.push(sum / count);
  }
  const white = luma[0] ?? 0;
  const black = luma[1] ?? 0;
  if (white - black < 64) return null;
  const threshold = (white + black) / 2;
  const bits = luma.map((l) => (l > threshold ? 1 : 0));
  if (bits[PATTERN_BLOCKS - 2] !== 0 || bits[PATTERN_BLOCKS - 1] !== 1) return null;
  let index = 0;
  for (let b = 0; b < INDEX_BITS; b++) index = (index << 1) | (bits[FIRST_INDEX_BLOCK + b] ?? 0);
  let check = 0;
  for (let b = 0; b < 4; b++) check = (check << 1) | (bits[FIRST_CHECK_BLOCK + b] ?? 0);
  return check === patternChecksum(index) ? index : null;
}
