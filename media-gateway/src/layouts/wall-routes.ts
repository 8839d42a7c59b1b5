import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { layoutProblems, wallCommandSchema } from '../../../contracts/src/layout';
import type { WallTopicEvent } from '../../../contracts/src/realtime';
import type { AuthUser } from '../auth/auth-user';
import { requires } from '../auth/route-policy';
import { denyOutOfScope } from '../auth/scope-denial';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { LayoutRepository } from '../db/layout-repository';
import type { TourRepository } from '../db/tour-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { WallRecord, WallRepository } from '../db/wall-repository';
import { badRequest, notFound } from '../platform/errors';
import type { EventHub } from '../realtime/event-hub';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';
import { camerasOutsideScope } from './camera-scope';

const wallParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (1–64)') });
const wallBody = z
  .object({
    name: z.string().trim().min(1).max(64),
    layoutId: z.string().min(1).max(64).nullable(),
    /** The owning org unit; absent = unchanged, or the caller's own unit for a new wall. null = the county's. */
    orgUnitId: z.string().min(1).max(12).nullable().optional(),
  })
  .strict();

type Shared = { ownerId: string; ownerOrgUnitId: string | null; visibility: 'private' | 'everyone' };

/**
 * Walls are displays that follow commands from an operator workstation, through the gateway, so a wall driven by
 * another PC follows too: a command is stored (the layout a wall shows survives restarts) and pushed on `wall:<id>`.
 * A wall belongs to an org unit: it is driven and redefined only by users whose scope covers that unit (the county's
 * walls by county-level users), listed for those and for the units below it, and its commands are delivered only to
 * sessions that cover it.
 */
export function registerWallRoutes(
  app: FastifyInstance,
  deps: { walls: WallRepository; layouts: LayoutRepository; tours: TourRepository; cameras: CameraRepository; scope: ScopeService; orgUnits: Pick<OrgUnitRepository, 'get'>; hub: EventHub; audit: AuditRepository },
): void {
  const { scope } = deps;
  const usable = (user: AuthUser, item: Shared | null): boolean =>
    item !== null && (item.ownerId === user.id || (item.visibility === 'everyone' && scope.canSeeShared(user, item.ownerOrgUnitId)));
  const deny = (req: FastifyRequest, type: string, id: string, reason: string) => denyOutOfScope(deps.audit, req, { type, id }, reason);
  const manageable = (req: FastifyRequest, wall: WallRecord | null): void => {
    if (wall && !scope.canManage(requireUser(req), wall.orgUnitId)) {
      throw deny(req, 'wall', wall.id, `wall ${wall.id} belongs to ${wall.orgUnitId === null ? 'the county' : `org unit ${wall.orgUnitId}`}, outside your scope`);
    }
  };

  app.get('/api/v1/walls', { config: requires('camera.live', 'global') }, async (req) => {
    const user = requireUser(req);
    return { items: deps.walls.list().filter((w) => scope.canSeeShared(user, w.orgUnitId)) };
  });

  // What a wall page loads at start: its stored layout and running tour, whoever pushed them (even a private one).
  app.get('/api/v1/walls/:id/state', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    const wall = deps.walls.get(id);
    if (!wall) throw notFound('wall');
    if (!scope.canSeeShared(requireUser(req), wall.orgUnitId)) throw deny(req, 'wall', id, `wall ${id} is outside your org-unit scope`);
    return { wall, layout: wall.layoutId ? deps.layouts.get(wall.layoutId) : null, tour: wall.tourId ? deps.tours.get(wall.tourId) : null };
  });

  app.delete('/api/v1/walls/:id', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    const wall = deps.walls.get(id);
    if (!wall) throw notFound('wall');
    manageable(req, wall);
    deps.walls.delete(id);
    return reply.code(204).send();
  });

  app.put('/api/v1/walls/:id', { config: requires('wall.control', 'global') }, async (req) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    const body = parseInput(wallBody, req.body, 'body');
    const user = requireUser(req);
    const current = deps.walls.get(id);
    manageable(req, current);
    const orgUnitId = body.orgUnitId !== undefined ? body.orgUnitId : current ? current.orgUnitId : user.orgUnitId;
    if (orgUnitId !== null && !deps.orgUnits.get(orgUnitId)) throw badRequest(`body.orgUnitId: unknown org unit ${orgUnitId}`);
    if (!scope.canManage(user, orgUnitId)) {
      throw deny(req, 'wall', id, orgUnitId === null ? 'only county-level users may define a county wall' : `body.orgUnitId: org unit ${orgUnitId} is outside your scope`);
    }
    if (body.layoutId) {
      const layout = deps.layouts.get(body.layoutId);
      if (!layout) throw badRequest('body.layoutId: unknown layout');
      if (layout.ownerId !== user.id && !scope.canSeeShared(user, layout.ownerOrgUnitId)) throw deny(req, 'layout', layout.id, `body.layoutId: layout ${layout.id} is outside your org-unit scope`);
    }
    return deps.walls.upsert(id, body.name, body.layoutId, current?.tourId ?? null, orgUnitId);
  });

  app.post('/api/v1/walls/:id/commands', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    const cmd = parseInput(wallCommandSchema, req.body, 'body');
    const user = requireUser(req);
    const current = deps.walls.get(id);
    manageable(req, current);
    const name = current?.name ?? id;
    // A wall first named by a command belongs to the caller's org unit.
    const orgUnitId = current ? current.orgUnitId : user.orgUnitId;
    // The command carries what the wall needs to show, so a wall page logged in as someone else can follow it.
    let payload: WallTopicEvent = { ...cmd, by: user.displayName };
    if (cmd.type === 'show-layout') {
      const layout = deps.layouts.get(cmd.layoutId);
      if (!layout || (layout.ownerId !== user.id && layout.visibility !== 'everyone')) throw badRequest('body.layoutId: unknown layout');
      if (!usable(user, layout)) throw deny(req, 'layout', layout.id, `body.layoutId: layout ${layout.id} is outside your org-unit scope`);
      deps.walls.upsert(id, name, layout.id, null, orgUnitId);
      payload = { ...payload, layout };
    } else if (cmd.type === 'show-cells') {
      // The console's screen as it is, saved or not: the wall keeps its own copy and no saved layout is touched.
      const problems = layoutProblems(cmd);
      if (problems.length > 0) throw badRequest(`body.${problems[0]!}`);
      const ids = cmd.cells.map((c) => c.cameraId);
      const outside = camerasOutsideScope(deps.cameras, scope, user, ids);
      if (outside.length > 0) throw deny(req, 'camera', outside[0]!, `body.cells: camera ${outside.slice(0, 10).join(', ')} is outside your org-unit scope`);
      const { type: _type, ...cells } = cmd;
      deps.walls.showCells(id, name, cells, orgUnitId);
    } else if (cmd.type === 'show-camera') {
      const camera = deps.cameras.get(cmd.cameraId);
      if (!camera) throw badRequest('body.cameraId: unknown camera');
      if (!deps.scope.canSeeOrgUnit(user, camera.orgUnitId)) throw deny(req, 'camera', camera.id, 'camera is outside your org-unit scope');
    } else if (cmd.type === 'start-tour') {
      const tour = deps.tours.get(cmd.tourId);
      if (!tour || (tour.ownerId !== user.id && tour.visibility !== 'everyone')) throw badRequest('body.tourId: unknown tour');
      if (!usable(user, tour)) throw deny(req, 'tour', tour.id, `body.tourId: tour ${tour.id} is outside your org-unit scope`);
      deps.walls.upsert(id, name, current?.layoutId ?? null, tour.id, orgUnitId);
      payload = { ...payload, tour };
    } else if (current) deps.walls.upsert(id, name, current.layoutId, null);
    // Delivered to the sessions whose scope covers the wall (a county wall: every session that subscribed to it).
    const event = deps.hub.publish(`wall:${id}`, payload, orgUnitId);
    deps.audit.append({ userId: user.id, username: user.username, action: 'wall.command', targetType: 'wall', targetId: id, outcome: 'ok', ip: req.ip, details: { type: cmd.type } });
    return reply.code(202).send({ seq: event.seq });
  });
}
