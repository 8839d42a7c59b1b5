import type { FastifyInstance } from 'fastify';
import { auditQuerySchema, type AuditListResponse } from '../../../contracts/src/auth';
import { toCsv } from '../server/csv-writer';
import { parseInput } from '../server/validate';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import { badRequest } from '../platform/errors';
import type { AuditSearch } from './audit-search';
import { requireUser } from '../server/request-user';

const JSON_MAX = 1000;
const CSV_MAX = 100_000;

/**
 * GET /api/v1/audit?user=&camera=&action=&outcome=&from=&to=&limit=&offset=[&format=csv]   (audit.read)
 *
 * Read only: there is no route that changes or deletes an audit row, for anyone, and the table's triggers refuse
 * UPDATE and DELETE underneath. An auditor scoped to an org unit sees the rows of the users inside it. A CSV export
 * is itself audited (`audit.export`).
 */
export function registerAuditRoutes(app: FastifyInstance, deps: { search: AuditSearch; scope: ScopeService; audit: AuditRepository; now: () => number }): void {
  app.get('/api/v1/audit', { config: requires('audit.read', 'filtered') }, async (req, reply) => {
    const q = parseInput(auditQuerySchema, req.query, 'query');
    const csv = q.format === 'csv';
    const limit = q.limit ?? (csv ? CSV_MAX : 100);
    if (!csv && limit > JSON_MAX) throw badRequest(`query.limit: at most ${JSON_MAX} (use format=csv for more)`);
    const from = q.from === undefined ? undefined : Date.parse(q.from);
    const to = q.to === undefined ? undefined : Date.parse(q.to);
    if (from !== undefined && to !== undefined && from >= to) throw badRequest('query.to: must be after query.from');
    const user = requireUser(req);
    const result = deps.search.search(
      { user: q.user, camera: q.camera, action: q.action, outcome: q.outcome, from, to, userOrgUnits: deps.scope.visibleOrgIds(user) },
      limit,
      q.offset,
    );
    reply.header('cache-control', 'no-store');
    if (!csv) {
      const body: AuditListResponse = { items: result.items, total: result.total, limit, offset: q.offset };
      return body;
    }
    deps.audit.append({
      userId: user.id,
      username: user.username,
      action: 'audit.export',
      targetType: 'audit',
      targetId: null,
      outcome: 'ok',
      ip: req.ip,
      details: { rows: result.items.length, filter: { user: q.user ?? null, camera: q.camera ?? null, action: q.action ?? null, outcome: q.outcome ?? null, from: q.from ?? null, to: q.to ?? null } },
    });
    const stamp = new Date(deps.now()).toISOString().slice(0, 19).replace(/[-:T]/g, '');
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="audit-${stamp}.csv"`);
    return toCsv(
      ['id', 'time', 'user_id', 'username', 'action', 'target_type', 'target_id', 'outcome', 'ip', 'details'],
      result.items.map((r) => [r.id, r.at, r.userId, r.username, r.action, r.targetType, r.targetId, r.outcome, r.ip, r.details ? JSON.stringify(r.details) : null]),
    );
  });
}
