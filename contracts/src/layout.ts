import { z } from 'zod';
import { nameText } from './text';

export const MAX_GRID = 6;
export const PRESET_GRIDS = [1, 2, 3, 4, 5, 6] as const; // 1, 4, 9, 16, 25, 36 tiles
export const VISIBILITY = ['private', 'everyone'] as const;

export const layoutCellSchema = z
  .object({
    x: z.number().int().min(0).max(MAX_GRID - 1),
    y: z.number().int().min(0).max(MAX_GRID - 1),
    w: z.number().int().min(1).max(MAX_GRID),
    h: z.number().int().min(1).max(MAX_GRID),
    cameraId: z.string().min(1).max(64).nullable(),
  })
  .strict();
export type LayoutCell = z.infer<typeof layoutCellSchema>;

const layoutShape = z
  .object({
    name: nameText(z.string().trim().min(1).max(64)),
    cols: z.number().int().min(1).max(MAX_GRID),
    rows: z.number().int().min(1).max(MAX_GRID),
    cells: z.array(layoutCellSchema).min(1).max(MAX_GRID * MAX_GRID),
    visibility: z.enum(VISIBILITY).default('private'),
  })
  .strict();

/** Cells must lie inside the grid and not overlap (merged cells such as 1 big + 5 small are one cell with w/h > 1). */
export function layoutProblems(l: { cols: number; rows: number; cells: readonly LayoutCell[] }): string[] {
  const problems: string[] = [];
  const taken = new Set<string>();
  l.cells.forEach((c, i) => {
    if (c.x + c.w > l.cols || c.y + c.h > l.rows) problems.push(`cells.${i}: lies outside the ${l.cols}x${l.rows} grid`);
    for (let x = c.x; x < c.x + c.w; x++)
      for (let y = c.y; y < c.y + c.h; y++) {
        const key = `${x},${y}`;
        if (taken.has(key)) problems.push(`cells.${i}: overlaps another cell at ${key}`);
        taken.add(key);
      }
  });
  return [...new Set(problems)];
}

const checkCells = (l: { cols: number; rows: number; cells: LayoutCell[] }, ctx: z.RefinementCtx) => {
  for (const p of layoutProblems(l)) ctx.addIssue({ code: 'custom', message: p.slice(p.indexOf(':') + 2), path: [p.slice(0, p.indexOf(':'))] });
};

export const layoutCreateSchema = layoutShape.superRefine(checkCells);
export type LayoutCreate = z.infer<typeof layoutCreateSchema>;
export const layoutUpdateSchema = layoutShape.partial().strict();
export type LayoutUpdate = z.infer<typeof layoutUpdateSchema>;

export interface LayoutDto extends LayoutCreate {
  id: string;
  ownerId: string;
  ownerName: string;
  /** The org unit of the user who saved it (null = county level): a shared layout is seen at, below and above it. */
  ownerOrgUnitId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An n×n preset grid with every cell 1×1. */
export function presetCells(n: number): LayoutCell[] {
  const cells: LayoutCell[] = [];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) cells.push({ x, y, w: 1, h: 1, cameraId: null });
  return cells;
}

export const tourCreateSchema = z
  .object({
    name: nameText(z.string().trim().min(1).max(64)),
    dwellSec: z.number().int().min(3).max(3600),
    cameraIds: z.array(z.string().min(1).max(64)).max(1000).default([]),
    orgUnitId: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/).nullable().default(null),
    visibility: z.enum(VISIBILITY).default('private'),
  })
  .strict()
  .refine((t) => t.cameraIds.length > 0 || t.orgUnitId !== null, { message: 'a tour needs cameras or an org unit', path: ['cameraIds'] });
export type TourCreate = z.infer<typeof tourCreateSchema>;

export interface TourDto extends TourCreate {
  id: string;
  ownerId: string;
  /** As LayoutDto.ownerOrgUnitId (`orgUnitId` is the unit whose cameras the tour shows). */
  ownerOrgUnitId: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a console pushes of its own screen (show-cells): the grid and cells as they are on screen, saved or not. The
 * wall shows (and remembers) them; no saved layout is created or changed. `name` is the saved layout they came from,
 * if any, shown to whoever looks at the wall list.
 */
export const pushedCellsSchema = z
  .object({
    name: nameText(z.string().trim().min(1).max(64)).nullable().default(null),
    cols: z.number().int().min(1).max(MAX_GRID),
    rows: z.number().int().min(1).max(MAX_GRID),
    cells: z.array(layoutCellSchema).min(1).max(MAX_GRID * MAX_GRID),
  })
  .strict();
export type PushedCells = z.infer<typeof pushedCellsSchema>;

export const wallCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('show-layout'), layoutId: z.string().min(1).max(64) }).strict(),
  pushedCellsSchema.extend({ type: z.literal('show-cells') }).strict(),
  z.object({ type: z.literal('show-camera'), cameraId: z.string().min(1).max(64), cell: z.number().int().min(0).max(35).optional() }).strict(),
  z.object({ type: z.literal('start-tour'), tourId: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('stop-tour') }).strict(),
]);
export type WallCommand = z.infer<typeof wallCommandSchema>;
