import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { orgUnitCreateSchema, orgUnitUpdateSchema } from '../../../contracts/src/org-unit';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { Db } from '../db/connection';
import { badRequest, conflict, forbidden } from '../platform/errors';
import { parseInput } from '../server/validate';

const idParams = z.object({ id: z.string().min(1).max(12) });
const CHILD_LEVEL = { county: 'township', township: 'village', village: null } as const;

export function registerOrgUnitRoutes(app: FastifyInstance, deps: { db: Db; orgUnits: OrgUnitRepository; scope: ScopeService; audit: AuditRepository }): void {
  // A scoped user sees their subtree plus its ancestors, so a tree can be drawn from the root.
  app.get('/api/v1/org-units', { config: requires('org.read', 'filtered') }, async (req) => {
    const all = deps.orgUnits.list();
    const visible = deps.scope.visibleOrgIds(req.user!);
    if (visible === null) return { items: all };
    const keep = new Set(visible);
    const byId = new Map(all.map((u) => [u.id, u]));
    for (let u = byId.get(req.user!.orgUnitId!); u?.parentId; u = byId.get(u.parentId)) keep.add(u.parentId);
    return { items: all.filter((u) => keep.has(u.id)) };
  });

  app.get('/api/v1/org-units/:id', { config: requires('org.read', 'org-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return deps.orgUnits.get(id);
  });

  app.post('/api/v1/org-units', { config: requires('org.write', 'global') }, async (req, reply) => {
    const body = parseInput(orgUnitCreateSchema, req.body, 'body');
    if (deps.orgUnits.get(body.id)) throw conflict(`org unit ${body.id} already exists`);
    if (body.level === 'county') {
      if (body.parentId !== null) throw badRequest('body.parentId: a county has no parent');
      if (req.user!.orgUnitId !== null) throw forbidden('only county-level users may create a county');
    } else {
      const parent = body.parentId ? deps.orgUnits.get(body.parentId) : null;
      if (!parent) throw badRequest('body.parentId: unknown parent org unit');
      if (CHILD_LEVEL[parent.level] !== body.level) throw badRequest(`body.level: a ${parent.level} cannot contain a ${body.level}`);
      if (!body.id.startsWith(parent.id)) throw badRequest(`body.id: must start with the parent's code ${parent.id}`);
      if (!deps.scope.canSeeOrgUnit(req.user!, parent.id)) throw forbidden('parent org unit is outside your scope');
    }
    const created = deps.orgUnits.create(body);
    deps.audit.append({ userId: req.user!.id, username: req.user!.username, action: 'org-unit.create', targetType: 'org-unit', targetId: created.id, outcome: 'ok', ip: req.ip });
    return reply.code(201).send(created);
  });

  app.patch('/api/v1/org-units/:id', { config: requires('org.write', 'org-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(orgUnitUpdateSchema, req.body, 'body');
    if (body.parentId !== undefined && body.parentId !== deps.orgUnits.get(id)?.parentId) throw badRequest('body.parentId: moving an org unit is not supported; create it anew');
    const updated = deps.orgUnits.update(id, body);
    deps.audit.append({ userId: req.user!.id, username: req.user!.username, action: 'org-unit.update', targetType: 'org-unit', targetId: id, outcome: 'ok', ip: req.ip, details: { fields: Object.keys(body) } });
    return updated;
  });

  app.delete('/api/v1/org-units/:id', { config: requires('org.write', 'org-param') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const used = deps.db
      .prepare('SELECT (SELECT COUNT(*) FROM org_units WHERE parent_id = @id) + (SELECT COUNT(*) FROM cameras WHERE org_unit_id = @id) + (SELECT COUNT(*) FROM users WHERE org_unit_id = @id) AS n')
      .get({ id }) as { n: number };
    if (used.n > 0) throw conflict('org unit still has child units, cameras or users');
    deps.orgUnits.delete(id);
    deps.audit.append({ userId: req.user!.id, username: req.user!.username, action: 'org-unit.delete', targetType: 'org-unit', targetId: id, outcome: 'ok', ip: req.ip });
    return reply.code(204).send();
  });
}
