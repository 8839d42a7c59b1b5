// Pure mappings from the operator's gestures to PTZ velocities (pan + = right, tilt + = up, zoom + = in; all in [-1, 1]).

export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export const STOPPED: PtzVelocity = { pan: 0, tilt: 0, zoom: 0 };
/** Speed of the pad buttons and the keyboard. */
export const PAD_SPEED = 0.6;
/** A drag shorter than this fraction of the full-speed distance does nothing (a click is not a move). */
export const DRAG_DEAD_ZONE = 0.12;
/** Full speed when the pointer is this fraction of the tile's half-size away from where the drag began. */
export const DRAG_FULL_SPEED_AT = 0.6;
/** Velocities are rounded to this step, so pointer jitter does not turn into a stream of different moves. */
export const VELOCITY_STEP = 0.1;

const clamp = (v: number) => Math.max(-1, Math.min(1, v));
const quantise = (v: number) => {
  const q = Math.round(clamp(v) / VELOCITY_STEP) * VELOCITY_STEP;
  return Object.is(q, -0) ? 0 : Math.round(q * 100) / 100;
};

export const isStopped = (v: PtzVelocity): boolean => v.pan === 0 && v.tilt === 0 && v.zoom === 0;
export const sameVelocity = (a: PtzVelocity, b: PtzVelocity): boolean => a.pan === b.pan && a.tilt === b.tilt && a.zoom === b.zoom;

/**
 * Drag on the picture: the vector from where the button went down to the pointer, in pixels, on a tile of the given
 * size. Direction steers, length sets the speed (full speed at DRAG_FULL_SPEED_AT of the half-size); screen y grows
 * downwards, tilt grows upwards.
 */
export function dragVelocity(dx: number, dy: number, width: number, height: number): PtzVelocity {
  if (!(width > 0) || !(height > 0)) return STOPPED;
  const nx = dx / ((width / 2) * DRAG_FULL_SPEED_AT);
  const ny = -dy / ((height / 2) * DRAG_FULL_SPEED_AT);
  const len = Math.hypot(nx, ny);
  if (len < DRAG_DEAD_ZONE) return STOPPED;
  // Keep the direction when clamping the length to 1.
  const k = len > 1 ? 1 / len : 1;
  return { pan: quantise(nx * k), tilt: quantise(ny * k), zoom: 0 };
}

export type PadDirection = 'up' | 'down' | 'left' | 'right' | 'up-left' | 'up-right' | 'down-left' | 'down-right';

export const PAD_DIRECTIONS: Readonly<Record<PadDirection, { pan: number; tilt: number }>> = {
  up: { pan: 0, tilt: 1 },
  down: { pan: 0, tilt: -1 },
  left: { pan: -1, tilt: 0 },
  right: { pan: 1, tilt: 0 },
  'up-left': { pan: -1, tilt: 1 },
  'up-right': { pan: 1, tilt: 1 },
  'down-left': { pan: -1, tilt: -1 },
  'down-right': { pan: 1, tilt: -1 },
};

export function padVelocity(dir: PadDirection, speed = PAD_SPEED): PtzVelocity {
  const d = PAD_DIRECTIONS[dir];
  return { pan: quantise(d.pan * speed), tilt: quantise(d.tilt * speed), zoom: 0 };
}

export const zoomVelocity = (direction: 1 | -1, speed = PAD_SPEED): PtzVelocity => ({ pan: 0, tilt: 0, zoom: quantise(direction * speed) });

/** Keys the PTZ surface handles (by KeyboardEvent.key). */
export const PTZ_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', '+', '=', '-', '_', 'Add', 'Subtract']);

/** The velocity for the set of keys held right now: arrows combine into diagonals, +/- zoom; opposite keys cancel. */
export function keysVelocity(held: ReadonlySet<string>, speed = PAD_SPEED): PtzVelocity {
  const has = (...k: string[]) => k.some((x) => held.has(x));
  const pan = (has('ArrowRight') ? 1 : 0) - (has('ArrowLeft') ? 1 : 0);
  const tilt = (has('ArrowUp') ? 1 : 0) - (has('ArrowDown') ? 1 : 0);
  const zoom = (has('+', '=', 'Add') ? 1 : 0) - (has('-', '_', 'Subtract') ? 1 : 0);
  return { pan: quantise(pan * speed), tilt: quantise(tilt * speed), zoom: quantise(zoom * speed) };
}

/** Wheel up (deltaY < 0) zooms in. Each notch is a short zoom pulse; returns null for a horizontal-only wheel. */
export function wheelZoom(deltaY: number, speed = PAD_SPEED): PtzVelocity | null {
  if (deltaY === 0 || !Number.isFinite(deltaY)) return null;
  return zoomVelocity(deltaY < 0 ? 1 : -1, speed);
}
