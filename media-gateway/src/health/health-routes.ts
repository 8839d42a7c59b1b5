import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requires } from '../auth/route-policy';
import { badRequest } from '../platform/errors';
import type { ScopeService } from '../auth/scope-service';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { HealthMonitor } from './health-monitor';
import type { HealthReport } from './health-report';
import type { Clock } from '../platform/clock';
import { toCsv } from '../server/csv-writer';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';
import { sweepView } from './sweep-view';
import { statusHistoryPeriod, statusHistoryQuerySchema } from '../../../contracts/src/camera-status-history';

const availabilityQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(1), format: z.enum(['json', 'csv']).default('json') }).strict();
const offlineQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }).strict();
const cameraParams = z.object({ id: z.string().min(1).max(64) });

/** The health page: online rate per township and village, longest offline cameras, availability ranking. */
export function registerHealthRoutes(app: FastifyInstance, deps: { report: HealthReport; monitor: HealthMonitor; orgUnits: OrgUnitRepository; scope: ScopeService; clock: Clock }): void {
  const visibleOf = (user: Parameters<ScopeService['visibleOrgIds']>[0]) => {
    const ids = deps.scope.visibleOrgIds(user);
    return ids === null ? null : new Set(ids);
  };

  // Everything here is limited to the caller's units: the table, the headline (`scope`: their township, or the county)
  // and the last sweep's counts.
  app.get('/api/v1/health/summary', { config: requires('report.read', 'filtered') }, async (req) => {
    const user = requireUser(req);
    const orgUnits = deps.orgUnits.list();
    const visible = visibleOf(user);
    const units = deps.report.summary(orgUnits, visible);
    const last = deps.monitor.lastSweep;
    return { units, scope: deps.report.scopeRow(units, orgUnits, user.orgUnitId), lastSweep: last && sweepView(last, visible) };
  });

  app.get('/api/v1/health/offline', { config: requires('report.read', 'filtered') }, async (req) => {
    const { limit } = parseInput(offlineQuery, req.query, 'query');
    return { items: deps.report.offlineLongest(visibleOf(requireUser(req)), limit, deps.clock.now()) };
  });

  // "today" (days=1 → since local midnight is a presentation choice; we use the last 24 h) or the last N days.
  app.get('/api/v1/health/availability', { config: requires('report.read', 'filtered') }, async (req, reply) => {
    const q = parseInput(availabilityQuery, req.query, 'query');
    const to = deps.clock.now();
    const from = to - q.days * 86_400_000;
    const result = deps.report.availability(deps.orgUnits.list(), visibleOf(requireUser(req)), from, to);
    if (q.format === 'json') return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...result };
    const rows = [...result.townships, ...result.villages].map((r) => [r.level, r.orgUnitId, r.name, r.cameras, r.availability === null ? null : (r.availability * 100).toFixed(2)]);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="availability-${q.days}d.csv"`);
    return toCsv(['level', 'org_unit', 'name', 'cameras', 'availability_percent'], rows);
  });

  app.post('/api/v1/health/sweep', { config: requires('camera.write', 'global') }, async (req) => sweepView(await deps.monitor.sweep(), visibleOf(requireUser(req))));

  // One camera's status changes and uptime over [from, to) (default: the last 24 h); seen by whoever may see the camera.
  app.get('/api/v1/cameras/:id/status-history', { config: requires('camera.read', 'camera-param') }, async (req) => {
    const { id } = parseInput(cameraParams, req.params, 'params');
    const q = parseInput(statusHistoryQuerySchema, req.query, 'query');
    const period = statusHistoryPeriod(q, deps.clock.now());
    if ('error' in period) throw badRequest(`query.from: ${period.error}`, { issues: [{ field: 'from', reason: period.error }] });
    return deps.report.history.forCamera(id, period.from, period.to);
  });
}
