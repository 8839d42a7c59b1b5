/**
 * The mechanical state of a simulated PTZ camera, pure and clock-driven: a position in ONVIF's generic spaces (pan and
 * tilt in [-1, 1], tilt +1 = up; zoom in [0, 1]) that moves with a velocity while a ContinuousMove is on, jumps for
 * AbsoluteMove / RelativeMove / GotoPreset, and holds presets. The picture only knows a coarse grid of it:
 * `ptzCell()` quantises the position to one of PTZ_COLS × PTZ_ROWS pan/tilt cells and PTZ_ZOOM_LEVELS zoom levels, and
 * a pre-encoded clip exists per cell (see ptz-scene.ts).
 */
import { simCameraColour, colourDistance, type Rgb } from './camera-identity';

export const PTZ_COLS = 3;
export const PTZ_ROWS = 3;
export const PTZ_ZOOM_LEVELS = 2;
/** Generic-space units per second at velocity 1: full speed crosses from the centre cell to an edge cell in ~0.85 s. */
export const PAN_TILT_RATE = 0.6;
export const ZOOM_RATE = 0.6;
export const MAX_PRESETS = 64;

export interface PtzVector {
  pan: number;
  tilt: number;
  zoom: number;
}

/** Which pre-encoded picture: column 0 = left, row 0 = top, zoom 0 = wide. */
export interface PtzCell {
  col: number;
  row: number;
  zoom: number;
}

export interface PtzPreset {
  token: string;
  name: string;
  position: PtzVector;
}

export const HOME: PtzVector = { pan: 0, tilt: 0, zoom: 0 };

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

export function clampPosition(p: PtzVector): PtzVector {
  return { pan: clamp(finite(p.pan), -1, 1), tilt: clamp(finite(p.tilt), -1, 1), zoom: clamp(finite(p.zoom), 0, 1) };
}

/** The grid cell a position shows. Boundaries sit half-way between cell centres (pan/tilt ±0.5 for a 3×3 grid). */
export function ptzCell(p: PtzVector): PtzCell {
  const q = clampPosition(p);
  const col = clamp(Math.round(((q.pan + 1) / 2) * (PTZ_COLS - 1)), 0, PTZ_COLS - 1);
  const row = clamp(Math.round(((1 - q.tilt) / 2) * (PTZ_ROWS - 1)), 0, PTZ_ROWS - 1);
  const zoom = clamp(Math.round(q.zoom * (PTZ_ZOOM_LEVELS - 1)), 0, PTZ_ZOOM_LEVELS - 1);
  return { col, row, zoom };
}

export const cellKey = (c: PtzCell): string => `c${c.col}r${c.row}z${c.zoom}`;

/** Every cell, for prewarming. */
export function allPtzCells(): PtzCell[] {
  const out: PtzCell[] = [];
  for (let zoom = 0; zoom < PTZ_ZOOM_LEVELS; zoom++) for (let row = 0; row < PTZ_ROWS; row++) for (let col = 0; col < PTZ_COLS; col++) out.push({ col, row, zoom });
  return out;
}

/**
 * Region colours of the scene, row-major (index = row × 3 + col). The centre (home) region is the camera's own colour,
 * so a PTZ camera at home looks like any other simulated camera in its centre; the other eight are the palette
 * entries farthest from it. Palette entries differ pairwise by ≥ 68 in some channel, and for all 880 cameras the
 * eight chosen ones are ≥ 110 away from the camera's colour: a decoded centre pixel (±35) names its region.
 */
const PALETTE: readonly Rgb[] = [
  [200, 40, 40], [40, 180, 60], [40, 70, 200], [210, 200, 50], [190, 50, 190], [50, 190, 200], [220, 120, 30],
  [110, 60, 160], [128, 128, 128], [225, 225, 225], [35, 35, 35], [120, 130, 40], [230, 150, 190], [30, 110, 100],
].map(([r, g, b]) => ({ r: r!, g: g!, b: b! }));

export function ptzSceneColours(index: number): Rgb[] {
  const own = simCameraColour(index);
  const others = PALETTE.map((c, i) => ({ c, i, d: colourDistance(c, own) }))
    .sort((a, b) => b.d - a.d || a.i - b.i)
    .slice(0, PTZ_COLS * PTZ_ROWS - 1)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.c);
  const centre = Math.floor((PTZ_COLS * PTZ_ROWS) / 2);
  return [...others.slice(0, centre), own, ...others.slice(centre)];
}

/** The colour in the middle of the picture for a cell (the middle of a region is always plain). */
export function ptzRegionColour(index: number, cell: Pick<PtzCell, 'col' | 'row'>): Rgb {
  return ptzSceneColours(index)[cell.row * PTZ_COLS + cell.col]!;
}

export type PtzStateError = 'no-such-preset' | 'too-many-presets';

/** One camera's head: position integrated lazily from the velocity and the time it was set. */
export class PtzState {
  private base: PtzVector = { ...HOME };
  private velocity: PtzVector = { pan: 0, tilt: 0, zoom: 0 };
  private since: number;
  /** Monotonic time at which a ContinuousMove with a Timeout ends by itself (null = until Stop). */
  private until: number | null = null;
  private readonly presets = new Map<string, PtzPreset>();
  private nextPreset = 1;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.since = now();
  }

  /** Where the head is now (clamped to the spaces' limits). */
  position(at = this.now()): PtzVector {
    const end = this.until !== null ? Math.min(at, this.until) : at;
    const dt = Math.max(0, end - this.since) / 1000;
    return clampPosition({
      pan: this.base.pan + this.velocity.pan * PAN_TILT_RATE * dt,
      tilt: this.base.tilt + this.velocity.tilt * PAN_TILT_RATE * dt,
      zoom: this.base.zoom + this.velocity.zoom * ZOOM_RATE * dt,
    });
  }

  moving(at = this.now()): { panTilt: boolean; zoom: boolean } {
    const on = this.until === null || at < this.until;
    return { panTilt: on && (this.velocity.pan !== 0 || this.velocity.tilt !== 0), zoom: on && this.velocity.zoom !== 0 };
  }

  cell(at = this.now()): PtzCell {
    return ptzCell(this.position(at));
  }

  /** Freeze the integrated position as the new base. */
  private settle(at: number): void {
    this.base = this.position(at);
    this.since = at;
    if (this.until !== null && at >= this.until) {
      this.velocity = { pan: 0, tilt: 0, zoom: 0 };
      this.until = null;
    }
  }

  /** Velocities in [-1, 1]; `timeoutMs` ends the move by itself (ONVIF ContinuousMove Timeout). */
  continuousMove(v: Partial<PtzVector>, timeoutMs: number | null = null): void {
    const at = this.now();
    this.settle(at);
    const c = (x: number | undefined): number => clamp(finite(x ?? 0), -1, 1);
    this.velocity = { pan: c(v.pan), tilt: c(v.tilt), zoom: c(v.zoom) };
    this.until = timeoutMs !== null && timeoutMs > 0 ? at + timeoutMs : null;
  }

  stop(panTilt = true, zoom = true): void {
    this.settle(this.now());
    this.velocity = { pan: panTilt ? 0 : this.velocity.pan, tilt: panTilt ? 0 : this.velocity.tilt, zoom: zoom ? 0 : this.velocity.zoom };
    if (this.velocity.pan === 0 && this.velocity.tilt === 0 && this.velocity.zoom === 0) this.until = null;
  }

  absoluteMove(p: Partial<PtzVector>): void {
    const cur = this.position();
    this.stop();
    this.base = clampPosition({ pan: p.pan ?? cur.pan, tilt: p.tilt ?? cur.tilt, zoom: p.zoom ?? cur.zoom });
  }

  relativeMove(d: Partial<PtzVector>): void {
    const cur = this.position();
    this.absoluteMove({ pan: cur.pan + (d.pan ?? 0), tilt: cur.tilt + (d.tilt ?? 0), zoom: cur.zoom + (d.zoom ?? 0) });
  }

  listPresets(): PtzPreset[] {
    return [...this.presets.values()].map((p) => ({ ...p, position: { ...p.position } }));
  }

  /** Save the current position; an existing token is overwritten. Returns the token or an error. */
  setPreset(name: string | null, token: string | null = null): string | PtzStateError {
    if (token !== null && !this.presets.has(token)) return 'no-such-preset';
    if (token === null && this.presets.size >= MAX_PRESETS) return 'too-many-presets';
    const t = token ?? String(this.nextPreset++);
    this.presets.set(t, { token: t, name: name?.trim() || `Preset ${t}`, position: this.position() });
    return t;
  }

  gotoPreset(token: string): 'ok' | PtzStateError {
    const p = this.presets.get(token);
    if (!p) return 'no-such-preset';
    this.absoluteMove(p.position);
    return 'ok';
  }

  removePreset(token: string): 'ok' | PtzStateError {
    return this.presets.delete(token) ? 'ok' : 'no-such-preset';
  }
}
