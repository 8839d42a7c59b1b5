// Between the wall state and the gateway's named layouts (contracts/src/layout.ts): cells carry their camera.
import type { LayoutCell, LayoutCreate, LayoutDto, WallCommand } from '../../../../contracts/src/layout';
import { isValidShape, type WallShape } from './layout-presets';
import { layoutFingerprint, normaliseTiles, type LayoutDoc, type Visibility, type WallLayout, type WallState } from './wall-layout';

export function toLayoutCells(layout: WallLayout): LayoutCell[] {
  return layout.shape.cells.map((c, i) => ({ x: c.x, y: c.y, w: c.w, h: c.h, cameraId: layout.tiles[i] ?? null }));
}

export function toLayoutCreate(layout: WallLayout, name: string, visibility: Visibility = 'private'): LayoutCreate {
  return { name: name.trim(), cols: layout.shape.cols, rows: layout.shape.rows, cells: toLayoutCells(layout), visibility };
}

/** show-cells of the screen as it is (saved or not), named after the saved layout it came from, if any. */
export function screenCommand(state: WallState): Extract<WallCommand, { type: 'show-cells' }> {
  return { type: 'show-cells', name: state.doc?.name ?? null, cols: state.shape.cols, rows: state.shape.rows, cells: toLayoutCells(state) };
}

/** A named layout as wall state, or null when its cells cannot be shown (never half a layout). */
export function fromLayoutDto(dto: Pick<LayoutDto, 'cols' | 'rows' | 'cells'>): WallLayout | null {
  if (!Array.isArray(dto.cells)) return null;
  const shape: WallShape = { cols: dto.cols, rows: dto.rows, cells: dto.cells.map(({ x, y, w, h }) => ({ x, y, w, h })) };
  if (!isValidShape(shape)) return null;
  return { shape, tiles: normaliseTiles(dto.cells.map((c) => c.cameraId)) };
}

export function docOf(dto: Pick<LayoutDto, 'id' | 'name' | 'ownerId' | 'visibility'>, layout: WallLayout): LayoutDoc {
  return { id: dto.id, name: dto.name, ownerId: dto.ownerId, visibility: dto.visibility, savedFingerprint: layoutFingerprint(layout) };
}

export interface LayoutRights {
  /** The user may change, rename and delete it (owner or admin: the gateway answers 403 otherwise). */
  canEdit: boolean;
  /** The share toggle is offered. */
  canShare: boolean;
}

export function layoutRights(dto: { ownerId: string } | null, user: { id: string; role: string }, mayShare: boolean): LayoutRights {
  const canEdit = dto !== null && (dto.ownerId === user.id || user.role === 'admin');
  return { canEdit, canShare: canEdit && mayShare };
}

/** Layouts for the menu: the user's own first, then shared ones, each by name. */
export function sortLayouts<T extends { ownerId: string; name: string }>(items: readonly T[], userId: string): T[] {
  return [...items].sort((a, b) => Number(b.ownerId === userId) - Number(a.ownerId === userId) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}
