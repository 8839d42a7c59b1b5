import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { discoveryScanRequestSchema, type DiscoveryScanCreated } from '../../../contracts/src/discovery';
import { requires } from '../auth/route-policy';
import { parseInput } from '../server/validate';
import type { AuditRepository } from '../db/audit-repository';
import type { ScopeService } from '../auth/scope-service';
import { denyOutOfScope } from '../auth/scope-denial';
import { notFound } from '../platform/errors';
import type { DiscoveryService } from './discovery-service';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.uuid() });

/**
 * POST   /api/v1/discovery/scans        start a scan → 202 { id }
 * GET    /api/v1/discovery/scans        recent scans the caller may see (theirs and their scope's; progress only)
 * GET    /api/v1/discovery/scans/:id    progress + devices + skipped answers
 * DELETE /api/v1/discovery/scans/:id    cancel a running scan → 204
 */
export function registerDiscoveryRoutes(app: FastifyInstance, deps: { discovery: DiscoveryService; audit: AuditRepository; scope: Pick<ScopeService, 'canManage'> }): void {
  app.post('/api/v1/discovery/scans', { config: requires('discovery.run', 'global') }, async (req, reply) => {
    const body = parseInput(discoveryScanRequestSchema, req.body, 'body');
    const user = requireUser(req);
    const created: DiscoveryScanCreated = deps.discovery.start(body, user);
    deps.audit.append({
      userId: user.id,
      username: user.username,
      action: 'discovery.scan',
      targetType: 'discovery-scan',
      targetId: created.id,
      outcome: 'ok',
      ip: req.ip,
      // Never the credentials: how many, and which hosts they were scoped to.
      details: { mode: body.mode, ranges: body.ranges ?? null, interface: body.interface ?? null, credentials: body.credentials.length },
    });
    return reply.code(202).send(created);
  });

  app.get('/api/v1/discovery/scans', { config: requires('discovery.run', 'global') }, async (req) => deps.discovery.list(requireUser(req)));

  app.get('/api/v1/discovery/scans/:id', { config: requires('discovery.run', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const scan = deps.discovery.get(id, requireUser(req));
    if (!scan) throw notFound('scan');
    return scan;
  });

  app.delete('/api/v1/discovery/scans/:id', { config: requires('discovery.run', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const owner = deps.discovery.ownerOrgUnitId(id);
    if (owner === undefined) throw notFound('scan');
    // Scans cover address ranges, so everyone who runs discovery sees them; stopping one is its starter's scope's.
    if (!deps.scope.canManage(requireUser(req), owner)) throw denyOutOfScope(deps.audit, req, { type: 'discovery-scan', id }, 'this scan was started by a user outside your scope');
    if (!deps.discovery.cancel(id)) throw notFound('scan');
    return reply.code(204).send();
  });
}
