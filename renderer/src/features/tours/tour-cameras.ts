// Which cameras a tour shows, and building a tour from the operator's choice. A tour names cameras, or an org unit
// (a township or village: every camera under it, in the order of the camera tree).
import type { CameraDto } from '../../../../contracts/src/camera';
import type { TourCreate, TourDto } from '../../../../contracts/src/layout';
import type { OrgUnit } from '../../../../contracts/src/org-unit';

export const DWELL_MIN_SEC = 3;
export const DWELL_MAX_SEC = 3600;

const byName = (a: CameraDto, b: CameraDto) => a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id);

/** The org unit and every unit below it. */
export function subtreeIds(rootId: string, orgUnits: readonly OrgUnit[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of orgUnits) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const ids = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return ids;
}

/**
 * The cameras a tour cycles through, among those this user can see: the named ones in the tour's order (unknown or
 * out-of-scope ids skipped), or every camera under its org unit sorted by name.
 */
export function resolveTourCameras(tour: Pick<TourDto, 'cameraIds' | 'orgUnitId'>, cameras: readonly CameraDto[], orgUnits: readonly OrgUnit[]): string[] {
  const known = new Set(cameras.map((c) => c.id));
  if (tour.cameraIds.length > 0) return [...new Set(tour.cameraIds)].filter((id) => known.has(id));
  if (!tour.orgUnitId) return [];
  const units = subtreeIds(tour.orgUnitId, orgUnits);
  return cameras
    .filter((c) => units.has(c.orgUnitId))
    .sort(byName)
    .map((c) => c.id);
}

export interface TourDraft {
  name: string;
  dwellSec: number | string;
  source: 'cameras' | 'org';
  cameraIds: readonly string[];
  orgUnitId: string | null;
  shared: boolean;
}

export type TourDraftProblem = 'name' | 'dwell' | 'cameras' | 'org';

/** The request body for a draft, or what is wrong with it (checked before the gateway would say 400). */
export function draftToTour(draft: TourDraft): { ok: true; tour: TourCreate } | { ok: false; problems: TourDraftProblem[] } {
  const problems: TourDraftProblem[] = [];
  const name = draft.name.trim();
  const dwell = typeof draft.dwellSec === 'number' ? draft.dwellSec : Number(String(draft.dwellSec).trim());
  if (!name || name.length > 64) problems.push('name');
  if (!Number.isInteger(dwell) || dwell < DWELL_MIN_SEC || dwell > DWELL_MAX_SEC) problems.push('dwell');
  if (draft.source === 'cameras' && draft.cameraIds.length === 0) problems.push('cameras');
  if (draft.source === 'org' && !draft.orgUnitId) problems.push('org');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    tour: {
      name,
      dwellSec: dwell,
      cameraIds: draft.source === 'cameras' ? [...new Set(draft.cameraIds)].slice(0, 1000) : [],
      orgUnitId: draft.source === 'org' ? draft.orgUnitId : null,
      visibility: draft.shared ? 'everyone' : 'private',
    },
  };
}

export function draftFromTour(tour: TourDto | null, defaults: { cameraIds: readonly string[] }): TourDraft {
  if (!tour) return { name: '', dwellSec: 10, source: 'cameras', cameraIds: [...defaults.cameraIds], orgUnitId: null, shared: false };
  return {
    name: tour.name,
    dwellSec: tour.dwellSec,
    source: tour.orgUnitId && tour.cameraIds.length === 0 ? 'org' : 'cameras',
    cameraIds: [...tour.cameraIds],
    orgUnitId: tour.orgUnitId,
    shared: tour.visibility === 'everyone',
  };
}

/** Toggles a camera in a picked list, keeping the order in which they were picked. */
export function togglePicked(picked: readonly string[], cameraId: string): string[] {
  return picked.includes(cameraId) ? picked.filter((id) => id !== cameraId) : [...picked, cameraId];
}

/** Adds all of these (an org node's cameras) when any is missing, else removes them all. */
export function togglePickedGroup(picked: readonly string[], cameraIds: readonly string[]): string[] {
  const have = new Set(picked);
  if (cameraIds.every((id) => have.has(id))) {
    const drop = new Set(cameraIds);
    return picked.filter((id) => !drop.has(id));
  }
  return [...picked, ...cameraIds.filter((id) => !have.has(id))];
}
