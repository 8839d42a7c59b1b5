import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { orgUnitCreateSchema, orgUnitUpdateSchema } from '../../../contracts/src/org-unit';
import { requires } from '../auth/route-policy';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';
import type { OrgUnitService } from './org-unit-service';

const idParams = z.object({ id: z.string().min(1).max(12) });

export function registerOrgUnitRoutes(app: FastifyInstance, deps: { orgUnits: OrgUnitService }): void {
  const svc = deps.orgUnits;
  app.get('/api/v1/org-units', { config: requires('org.read', 'filtered') }, async (req) => ({ items: svc.visibleTree(requireUser(req)) }));

  app.get('/api/v1/org-units/:id', { config: requires('org.read', 'org-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return svc.get(id);
  });

  app.post('/api/v1/org-units', { config: requires('org.write', 'global') }, async (req, reply) => {
    const body = parseInput(orgUnitCreateSchema, req.body, 'body');
    return reply.code(201).send(svc.create(requireUser(req), body, req.ip));
  });

  app.patch('/api/v1/org-units/:id', { config: requires('org.write', 'org-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(orgUnitUpdateSchema, req.body, 'body');
    return svc.update(requireUser(req), id, body, req.ip);
  });

  app.delete('/api/v1/org-units/:id', { config: requires('org.write', 'org-param') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    svc.delete(requireUser(req), id, req.ip);
    return reply.code(204).send();
  });
}
