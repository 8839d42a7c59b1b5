import { HttpError } from '../platform/errors';

/**
 * 422 naming every id that is not a registered camera: a tour (or anything else that lists cameras) saved with a
 * typo or a deleted camera would otherwise fail later, on the wall, with no one to tell.
 */
export function checkCamerasExist(cameras: { get(id: string): unknown }, ids: readonly string[], field: string): void {
  const unknown = [...new Set(ids)].filter((id) => !cameras.get(id));
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 10).join(', ') + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : '');
  throw new HttpError(422, 'unknown_cameras', `${field}: unknown camera id(s): ${shown}`, { unknownCameraIds: unknown });
}
