import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { layoutCreateSchema, layoutProblems, layoutUpdateSchema, tourCreateSchema, type LayoutDto, type TourDto } from '../../../contracts/src/layout';
import { roleHas } from '../../../contracts/src/permissions';
import type { AuthUser } from '../auth/auth-user';
import { requires } from '../auth/route-policy';
import { checkCamerasExist } from '../cameras/unknown-camera-ids';
import type { AuditRepository } from '../db/audit-repository';
import type { LayoutRepository } from '../db/layout-repository';
import type { TourRepository } from '../db/tour-repository';
import { badRequest, forbidden, notFound } from '../platform/errors';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) });

function checkOwner(user: AuthUser, item: { ownerId: string } | null, what: string): void {
  if (!item) throw notFound(what);
  if (item.ownerId !== user.id && user.role !== 'admin') throw forbidden(`only the owner may change this ${what}`);
}

function checkShare(user: AuthUser, visibility: string | undefined): void {
  if (visibility === 'everyone' && !roleHas(user.role, 'layout.share')) throw forbidden(`role ${user.role} may not share with everyone`);
}

/** Named wall layouts and camera tours: private to their owner or shared with everyone. */
export function registerLayoutRoutes(app: FastifyInstance, deps: { layouts: LayoutRepository; tours: TourRepository; audit: AuditRepository; cameras: { get(id: string): unknown } }): void {
  app.get('/api/v1/layouts', { config: requires('camera.live', 'global') }, async (req) => ({ items: deps.layouts.listVisible(requireUser(req).id) }));

  app.get('/api/v1/layouts/:id', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const l = deps.layouts.get(id);
    if (!l || (l.ownerId !== requireUser(req).id && l.visibility !== 'everyone')) throw notFound('layout');
    return l;
  });

  app.post('/api/v1/layouts', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const body = parseInput(layoutCreateSchema, req.body, 'body');
    checkShare(requireUser(req), body.visibility);
    const saved = deps.layouts.save({ id: randomUUID(), ownerId: requireUser(req).id, ...body });
    return reply.code(201).send(saved);
  });

  app.patch('/api/v1/layouts/:id', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(layoutUpdateSchema, req.body, 'body');
    const current = deps.layouts.get(id);
    checkOwner(requireUser(req), current, 'layout');
    checkShare(requireUser(req), body.visibility);
    const next: LayoutDto = { ...current!, ...body };
    const problems = layoutProblems(next);
    if (problems.length) throw badRequest(problems.map((p) => `body.${p}`).join('; '));
    return deps.layouts.save(next);
  });

  app.delete('/api/v1/layouts/:id', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    checkOwner(requireUser(req), deps.layouts.get(id), 'layout');
    deps.layouts.delete(id);
    return reply.code(204).send();
  });

  app.get('/api/v1/tours', { config: requires('camera.live', 'global') }, async (req) => ({ items: deps.tours.listVisible(requireUser(req).id) }));

  app.post('/api/v1/tours', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const body = parseInput(tourCreateSchema, req.body, 'body');
    checkShare(requireUser(req), body.visibility);
    checkCamerasExist(deps.cameras, body.cameraIds, 'body.cameraIds');
    return reply.code(201).send(deps.tours.save({ id: randomUUID(), ownerId: requireUser(req).id, ...body }));
  });

  app.put('/api/v1/tours/:id', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(tourCreateSchema, req.body, 'body');
    const current = deps.tours.get(id);
    checkOwner(requireUser(req), current, 'tour');
    checkShare(requireUser(req), body.visibility);
    checkCamerasExist(deps.cameras, body.cameraIds, 'body.cameraIds');
    const next: Omit<TourDto, 'createdAt' | 'updatedAt'> = { id, ownerId: current!.ownerId, ...body };
    return deps.tours.save(next);
  });

  app.delete('/api/v1/tours/:id', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    checkOwner(requireUser(req), deps.tours.get(id), 'tour');
    deps.tours.delete(id);
    return reply.code(204).send();
  });
}
