import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { CameraRepository } from '../db/camera-repository';
import type { ViewSessionRepository } from '../db/view-session-repository';
import type { Clock } from '../platform/clock';
import { badRequest } from '../platform/errors';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';

const periodQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    orgUnit: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/).optional(),
  })
  .strict();

/** Viewing coverage: how long each camera was watched in a period, and which cameras nobody looked at. */
export function registerReportRoutes(app: FastifyInstance, deps: { cameras: CameraRepository; views: ViewSessionRepository; scope: ScopeService; clock: Clock }): void {
  app.get('/api/v1/reports/camera-views', { config: requires('report.read', 'filtered') }, async (req) => {
    const q = parseInput(periodQuery, req.query, 'query');
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (to <= from) throw badRequest('query.to: must be after query.from');
    const { items } = deps.cameras.list({ orgUnitIds: deps.scope.narrow(requireUser(req), q.orgUnit), limit: 2000, offset: 0 });
    const totals = new Map(deps.views.totals(from, to, deps.clock.now()).map((t) => [t.cameraId, t]));
    const rows = items.map((c) => ({
      cameraId: c.id,
      name: c.name,
      orgUnitId: c.orgUnitId,
      category: c.category,
      seconds: Math.round((totals.get(c.id)?.seconds ?? 0) * 10) / 10,
      sessions: totals.get(c.id)?.sessions ?? 0,
    }));
    return { from: q.from, to: q.to, items: rows, unviewed: rows.filter((r) => r.sessions === 0).map((r) => r.cameraId) };
  });
}
