import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { layoutCreateSchema, layoutProblems, layoutUpdateSchema, tourCreateSchema, type LayoutDto, type TourDto } from '../../../contracts/src/layout';
import { roleHas } from '../../../contracts/src/permissions';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';
import { requires } from '../auth/route-policy';
import { denyOutOfScope } from '../auth/scope-denial';
import { checkCamerasExist } from '../cameras/unknown-camera-ids';
import type { AuditRepository } from '../db/audit-repository';
import type { LayoutRepository } from '../db/layout-repository';
import type { TourRepository } from '../db/tour-repository';
import { badRequest, forbidden, notFound } from '../platform/errors';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';
import { camerasOutsideScope } from './camera-scope';

const idParams = z.object({ id: z.string().min(1).max(64) });

interface Owned {
  ownerId: string;
  ownerOrgUnitId: string | null;
  visibility: 'private' | 'everyone';
}

export interface LayoutRouteDeps {
  layouts: LayoutRepository;
  tours: TourRepository;
  audit: AuditRepository;
  cameras: { get(id: string): { orgUnitId: string } | null };
  scope: ScopeService;
}

/** Named wall layouts and camera tours: private to their owner or shared with everyone in the owner's org-unit line. */
export function registerLayoutRoutes(app: FastifyInstance, deps: LayoutRouteDeps): void {
  const { scope } = deps;
  const deny = (req: FastifyRequest, type: string, id: string, reason: string) => denyOutOfScope(deps.audit, req, { type, id }, reason);
  /** The owner's, or shared and owned at, below or above the user's org unit (never another township's). */
  const visible = (user: AuthUser, item: Owned) => item.ownerId === user.id || (item.visibility === 'everyone' && scope.canSeeShared(user, item.ownerOrgUnitId));

  /** 404 for what the user cannot know of (another's private one), 403 for a shared one of another township. */
  const readable = <T extends Owned & { id: string }>(req: FastifyRequest, item: T | null, what: string): T => {
    const user = requireUser(req);
    if (!item || (item.ownerId !== user.id && item.visibility !== 'everyone')) throw notFound(what);
    if (!visible(user, item)) throw deny(req, what, item.id, `${what} is outside your org-unit scope`);
    return item;
  };

  /** The owner, or an administrator whose scope covers the owner's org unit (a county-level one: county level only). */
  const checkOwner = <T extends Owned & { id: string }>(req: FastifyRequest, item: T | null, what: string): T => {
    const user = requireUser(req);
    if (!item) throw notFound(what);
    if (item.ownerId === user.id) return item;
    if (user.role !== 'admin') throw forbidden(`only the owner may change this ${what}`);
    if (!scope.canManage(user, item.ownerOrgUnitId)) throw deny(req, what, item.id, `${what} belongs to an org unit outside your scope`);
    return item;
  };

  const checkShare = (user: AuthUser, visibility: string | undefined): void => {
    if (visibility === 'everyone' && !roleHas(user.role, 'layout.share')) throw forbidden(`role ${user.role} may not share with everyone`);
  };

  const checkCameras = (req: FastifyRequest, ids: readonly (string | null)[], field: string) => {
    const outside = camerasOutsideScope(deps.cameras, scope, requireUser(req), ids);
    if (outside.length > 0) throw deny(req, 'camera', outside[0]!, `${field}: camera ${outside.slice(0, 10).join(', ')} is outside your org-unit scope`);
  };

  const checkTourPlace = (req: FastifyRequest, body: { cameraIds: string[]; orgUnitId: string | null }) => {
    checkCamerasExist(deps.cameras, body.cameraIds, 'body.cameraIds');
    checkCameras(req, body.cameraIds, 'body.cameraIds');
    if (body.orgUnitId !== null && !scope.canSeeOrgUnit(requireUser(req), body.orgUnitId)) {
      throw deny(req, 'org-unit', body.orgUnitId, `body.orgUnitId: org unit ${body.orgUnitId} is outside your scope`);
    }
  };

  app.get('/api/v1/layouts', { config: requires('camera.live', 'global') }, async (req) => {
    const user = requireUser(req);
    return { items: deps.layouts.listVisible(user.id).filter((l) => visible(user, l)) };
  });

  app.get('/api/v1/layouts/:id', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return readable(req, deps.layouts.get(id), 'layout');
  });

  app.post('/api/v1/layouts', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const body = parseInput(layoutCreateSchema, req.body, 'body');
    const user = requireUser(req);
    checkShare(user, body.visibility);
    checkCameras(req, body.cells.map((c) => c.cameraId), 'body.cells');
    const saved = deps.layouts.save({ id: randomUUID(), ownerId: user.id, ownerOrgUnitId: user.orgUnitId, ...body });
    return reply.code(201).send(saved);
  });

  app.patch('/api/v1/layouts/:id', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(layoutUpdateSchema, req.body, 'body');
    const current = checkOwner(req, deps.layouts.get(id), 'layout');
    checkShare(requireUser(req), body.visibility);
    if (body.cells) checkCameras(req, body.cells.map((c) => c.cameraId), 'body.cells');
    const next: LayoutDto = { ...current, ...body };
    const problems = layoutProblems(next);
    if (problems.length) throw badRequest(problems.map((p) => `body.${p}`).join('; '));
    return deps.layouts.save(next);
  });

  app.delete('/api/v1/layouts/:id', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    checkOwner(req, deps.layouts.get(id), 'layout');
    deps.layouts.delete(id);
    return reply.code(204).send();
  });

  app.get('/api/v1/tours', { config: requires('camera.live', 'global') }, async (req) => {
    const user = requireUser(req);
    return { items: deps.tours.listVisible(user.id).filter((t) => visible(user, t)) };
  });

  app.post('/api/v1/tours', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const body = parseInput(tourCreateSchema, req.body, 'body');
    const user = requireUser(req);
    checkShare(user, body.visibility);
    checkTourPlace(req, body);
    return reply.code(201).send(deps.tours.save({ id: randomUUID(), ownerId: user.id, ownerOrgUnitId: user.orgUnitId, ...body }));
  });

  app.put('/api/v1/tours/:id', { config: requires('camera.live', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(tourCreateSchema, req.body, 'body');
    const current = checkOwner(req, deps.tours.get(id), 'tour');
    checkShare(requireUser(req), body.visibility);
    checkTourPlace(req, body);
    const next: Omit<TourDto, 'createdAt' | 'updatedAt'> = { id, ownerId: current.ownerId, ownerOrgUnitId: current.ownerOrgUnitId, ...body };
    return deps.tours.save(next);
  });

  app.delete('/api/v1/tours/:id', { config: requires('camera.live', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    checkOwner(req, deps.tours.get(id), 'tour');
    deps.tours.delete(id);
    return reply.code(204).send();
  });
}
