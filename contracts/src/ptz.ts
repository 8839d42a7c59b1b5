import { z } from 'zod';

/** How long the gateway keeps a camera moving after the last move request before it sends Stop by itself. */
export const PTZ_AUTO_STOP_MS = 1000;
/** How often a client repeats a held move (well inside PTZ_AUTO_STOP_MS). */
export const PTZ_MOVE_REPEAT_MS = 250;

const speed = z.number().min(-1).max(1);

/** POST /api/v1/cameras/:id/ptz/move: continuous velocities; pan + = right, tilt + = up, zoom + = in. */
export const ptzMoveSchema = z
  .object({
    pan: speed.default(0),
    tilt: speed.default(0),
    zoom: speed.default(0),
  })
  .strict();
export type PtzMove = z.infer<typeof ptzMoveSchema>;

/** POST /api/v1/cameras/:id/ptz/presets: save the current position under a name. */
export const ptzPresetCreateSchema = z.object({ name: z.string().trim().min(1).max(64) }).strict();
export type PtzPresetCreate = z.infer<typeof ptzPresetCreateSchema>;

export const ptzPresetTokenSchema = z.string().min(1).max(64);

export interface PtzPositionDto {
  /** Generic space: pan and tilt in [-1, 1], zoom in [0, 1]; null when the camera did not say. */
  pan: number | null;
  tilt: number | null;
  zoom: number | null;
}

export interface PtzStatusDto {
  position: PtzPositionDto;
  /** null when the camera does not report its move status. */
  moving: { panTilt: boolean; zoom: boolean } | null;
}

export interface PtzPresetDto {
  token: string;
  name: string;
  position: PtzPositionDto | null;
}
