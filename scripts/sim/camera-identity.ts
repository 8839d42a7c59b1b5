/**
 * Who simulated camera number i is: id, display name, credentials and picture colour.
 * Pure and deterministic, so tests, the demo launcher and the simulator agree without talking to each other.
 */

export const MAX_SIM_CAMERAS = 880;

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface SimCameraIdentity {
  index: number;
  id: string;
  name: string;
  username: string;
  password: string;
  colour: Rgb;
}

function assertIndex(index: number): void {
  if (!Number.isInteger(index) || index < 1 || index > 9999) {
    throw new RangeError(`simulated camera index must be an integer 1..9999, got ${index}`);
  }
}

const pad4 = (index: number): string => String(index).padStart(4, '0');

/** `sim-0001` */
export function simCameraId(index: number): string {
  assertIndex(index);
  return `sim-${pad4(index)}`;
}

/** `SIM-0001` */
export function simCameraName(index: number): string {
  assertIndex(index);
  return `SIM-${pad4(index)}`;
}

/** Inverse of simCameraId; null when the text is not a simulator id. */
export function parseSimCameraId(id: string): number | null {
  const m = /^sim-(\d{4})$/.exec(id);
  if (!m?.[1]) return null;
  const index = Number(m[1]);
  return index >= 1 ? index : null;
}

/** 32-bit FNV-1a: a stable, dependency-free hash (not a security primitive; these are simulator passwords). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const SIM_USERNAME = 'admin';

/** A different password per camera, e.g. `pw-1c3e55a0-1`, so a credential mix-up in the gateway shows up as 401. */
export function simCameraPassword(index: number): string {
  assertIndex(index);
  return `pw-${fnv1a(`county-video-sim/${index}`).toString(16).padStart(8, '0')}-${index}`;
}

/** Golden-angle hue stepping; saturation and a 3-step lightness cycle were tuned so neighbours stay apart. */
const GOLDEN_ANGLE = 137.50776405003785;
const HUE_OFFSET = 210; // camera 1 is a mid blue
const SATURATION = 0.75;
const LIGHTNESS_CYCLE = [0.5, 0.38, 0.62] as const;

function hslToRgb(hueDeg: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = (((hueDeg % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  let rgb: [number, number, number];
  if (hp < 1) rgb = [c, x, 0];
  else if (hp < 2) rgb = [x, c, 0];
  else if (hp < 3) rgb = [0, c, x];
  else if (hp < 4) rgb = [0, x, c];
  else if (hp < 5) rgb = [x, 0, c];
  else rgb = [c, 0, x];
  const m = l - c / 2;
  const [r, g, b] = rgb.map((v) => Math.round((v + m) * 255)) as [number, number, number];
  return { r, g, b };
}

/**
 * The solid picture colour of camera i. Channels stay within ~24..231 (no clipping through YUV), and any two
 * cameras less than 16 indices apart differ by at least ~50 in some channel (see colourDistance).
 */
export function simCameraColour(index: number): Rgb {
  assertIndex(index);
  const hue = HUE_OFFSET + (index - 1) * GOLDEN_ANGLE;
  const lightness = LIGHTNESS_CYCLE[(index - 1) % LIGHTNESS_CYCLE.length] ?? 0.5;
  return hslToRgb(hue, SATURATION, lightness);
}

/**
 * Largest per-channel difference (Chebyshev distance, 0..255). This is the metric a "within ±35 per channel"
 * pixel check uses: colours with a distance above ~45 can never both match the same decoded pixel.
 */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b));
}

/** True when every channel of `actual` is within `tolerance` of `expected`. */
export function colourMatches(actual: Rgb, expected: Rgb, tolerance = 35): boolean {
  return colourDistance(actual, expected) <= tolerance;
}

/** Lowercase `#rrggbb`. */
export function colourHex(c: Rgb): string {
  return `#${[c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function simCameraIdentity(index: number): SimCameraIdentity {
  return {
    index,
    id: simCameraId(index),
    name: simCameraName(index),
    username: SIM_USERNAME,
    password: simCameraPassword(index),
    colour: simCameraColour(index),
  };
}
