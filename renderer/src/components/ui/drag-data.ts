// HTML5 drag-and-drop payloads. A camera from the tree carries only its id; a tile dragged onto another tile also
// carries its index, which turns the drop into a swap.
export const CAMERA_ID_TYPE = 'application/x-camera-id';
export const TILE_INDEX_TYPE = 'application/x-tile-index';

export type DropIntent = { kind: 'swap'; from: number } | { kind: 'place'; cameraId: string } | null;

export interface DataTransferLike {
  readonly types: readonly string[];
  getData(format: string): string;
}

/** During dragover only the types are readable; this says whether the drop would be accepted. */
export function acceptsDrag(types: readonly string[]): boolean {
  return types.includes(CAMERA_ID_TYPE) || types.includes(TILE_INDEX_TYPE);
}

export function readDrop(data: DataTransferLike): DropIntent {
  const rawIndex = data.types.includes(TILE_INDEX_TYPE) ? data.getData(TILE_INDEX_TYPE) : '';
  if (/^\d{1,2}$/.test(rawIndex)) return { kind: 'swap', from: Number(rawIndex) };
  const cameraId = data.getData(CAMERA_ID_TYPE).trim();
  return cameraId ? { kind: 'place', cameraId } : null;
}
