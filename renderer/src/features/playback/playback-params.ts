// The 回放 section's parameters (pure): what an alarm or an incident opens it with, and how the page reads them.
// `openSection('playback', jumpParams(cameraId, alarm.occurredAt))` starts 10 s before the moment.

export const JUMP_BEFORE_MS = 10_000;
export const MAX_CAMERAS = 4;

export interface PlaybackStart {
  cameraIds: string[];
  atMs: number | null;
}

/** Parameters opening playback of a camera at a moment less 10 s (what led up to it). */
export function jumpParams(cameraId: string, atIso: string): Record<string, string> {
  const at = Date.parse(atIso);
  return { cameraIds: cameraId, ...(Number.isNaN(at) ? {} : { at: new Date(at - JUMP_BEFORE_MS).toISOString() }) };
}

export function readPlaybackParams(params: Readonly<Record<string, string>>): PlaybackStart {
  const ids = (params.cameraIds ?? params.cameraId ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const at = params.at ? Date.parse(params.at) : NaN;
  return { cameraIds: [...new Set(ids)].slice(0, MAX_CAMERAS), atMs: Number.isNaN(at) ? null : at };
}

/** A camera picked in the tree joins the set; a fifth replaces the first added. Picking one already there changes nothing. */
export function addCamera(ids: readonly string[], id: string): { ids: string[]; replaced: boolean } {
  if (ids.includes(id)) return { ids: [...ids], replaced: false };
  if (ids.length < MAX_CAMERAS) return { ids: [...ids, id], replaced: false };
  return { ids: [...ids.slice(1), id], replaced: true };
}
