import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { wallCommandSchema } from '../../../contracts/src/layout';
import type { WallTopicEvent } from '../../../contracts/src/realtime';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { LayoutRepository } from '../db/layout-repository';
import type { TourRepository } from '../db/tour-repository';
import type { WallRepository } from '../db/wall-repository';
import { badRequest, forbidden, notFound } from '../platform/errors';
import type { EventHub } from '../realtime/event-hub';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';

const wallParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (1–64)') });
const wallBody = z.object({ name: z.string().trim().min(1).max(64), layoutId: z.string().min(1).max(64).nullable() }).strict();

/**
 * Walls are displays that follow commands from an operator workstation, through the gateway, so a wall driven by
 * another PC follows too: a command is stored (the layout a wall shows survives restarts) and pushed on `wall:<id>`.
 */
export function registerWallRoutes(
  app: FastifyInstance,
  deps: { walls: WallRepository; layouts: LayoutRepository; tours: TourRepository; cameras: CameraRepository; scope: ScopeService; hub: EventHub; audit: AuditRepository },
): void {
  app.get('/api/v1/walls', { config: requires('camera.live', 'global') }, async () => ({ items: deps.walls.list() }));

  // What a wall page loads at start: its stored layout and running tour, whoever pushed them (even a private one).
  app.get('/api/v1/walls/:id/state', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    const wall = deps.walls.get(id);
    if (!wall) throw notFound('wall');
    return { wall, layout: wall.layoutId ? deps.layouts.get(wall.layoutId) : null, tour: wall.tourId ? deps.tours.get(wall.tourId) : null };
  });

  app.delete('/api/v1/walls/:id', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    if (!deps.walls.delete(id)) throw notFound('wall');
    return reply.code(204).send();
  });

  app.put('/api/v1/walls/:id', { config: requires('wall.control', 'global') }, async (req) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    const body = parseInput(wallBody, req.body, 'body');
    if (body.layoutId && !deps.layouts.get(body.layoutId)) throw badRequest('body.layoutId: unknown layout');
    return deps.walls.upsert(id, body.name, body.layoutId);
  });

  app.post('/api/v1/walls/:id/commands', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const { id } = parseInput(wallParams, req.params, 'params');
    const cmd = parseInput(wallCommandSchema, req.body, 'body');
    const user = requireUser(req);
    const current = deps.walls.get(id);
    const name = current?.name ?? id;
    // The command carries what the wall needs to show, so a wall page logged in as someone else can follow it.
    let payload: WallTopicEvent = { ...cmd, by: user.displayName };
    if (cmd.type === 'show-layout') {
      const layout = deps.layouts.get(cmd.layoutId);
      if (!layout || (layout.ownerId !== user.id && layout.visibility !== 'everyone')) throw badRequest('body.layoutId: unknown layout');
      deps.walls.upsert(id, name, layout.id, null);
      payload = { ...payload, layout };
    } else if (cmd.type === 'show-camera') {
      const camera = deps.cameras.get(cmd.cameraId);
      if (!camera) throw badRequest('body.cameraId: unknown camera');
      if (!deps.scope.canSeeOrgUnit(user, camera.orgUnitId)) throw forbidden('camera is outside your org-unit scope');
    } else if (cmd.type === 'start-tour') {
      const tour = deps.tours.get(cmd.tourId);
      if (!tour || (tour.ownerId !== user.id && tour.visibility !== 'everyone')) throw badRequest('body.tourId: unknown tour');
      deps.walls.upsert(id, name, current?.layoutId ?? null, tour.id);
      payload = { ...payload, tour };
    } else if (current) deps.walls.upsert(id, name, current.layoutId, null);
    const event = deps.hub.publish(`wall:${id}`, payload, null);
    deps.audit.append({ userId: user.id, username: user.username, action: 'wall.command', targetType: 'wall', targetId: id, outcome: 'ok', ip: req.ip, details: { type: cmd.type } });
    return reply.code(202).send({ seq: event.seq });
  });
}
