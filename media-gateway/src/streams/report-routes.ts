import type { FastifyInstance } from 'fastify';
import { cameraViewReportQuerySchema } from '../../../contracts/src/camera-view-report';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { ViewSessionRepository } from '../db/view-session-repository';
import type { Clock } from '../platform/clock';
import { badRequest } from '../platform/errors';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';
import { buildCameraViewReport, cameraViewReportCsv, reportFileName } from './camera-view-report';

export interface ReportRouteDeps {
  cameras: CameraRepository;
  views: ViewSessionRepository;
  orgUnits: OrgUnitRepository;
  audit: AuditRepository;
  scope: ScopeService;
  clock: Clock;
  /** The site's local time, for the CSV's times and file name. */
  utcOffsetMinutes: number;
}

/** Cameras are listed in one page; far above a county's inventory (880 in the demo). */
const MAX_CAMERAS = 20_000;

/** Viewing coverage: how long each camera was watched in a period, and which cameras nobody looked at. */
export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  app.get('/api/v1/reports/camera-views', { config: requires('report.read', 'filtered') }, async (req, reply) => {
    const q = parseInput(cameraViewReportQuerySchema, req.query, 'query');
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (to <= from) throw badRequest('query.to: must be after query.from');
    const user = requireUser(req);
    // The scope is the gateway's: a township officer asking for another township (or none) gets only their own cameras.
    const { items } = deps.cameras.list({ orgUnitIds: deps.scope.narrow(user, q.orgUnit), limit: MAX_CAMERAS, offset: 0 });
    const now = deps.clock.now();
    const orgUnitsById = new Map(deps.orgUnits.list().map((u) => [u.id, u]));
    const report = buildCameraViewReport({ from: q.from, to: q.to }, items, deps.views.totals(from, to, now), deps.views.lastViewed(items.map((c) => c.id), to, now), orgUnitsById);
    if (q.format === 'json') return report;
    deps.audit.append({ userId: user.id, username: user.username, action: 'report.camera-views-export', targetType: 'report', targetId: 'camera-views', outcome: 'ok', ip: req.ip, details: { from: q.from, to: q.to, orgUnit: q.orgUnit ?? null, rows: report.total } });
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${reportFileName(report, deps.utcOffsetMinutes)}"`);
    return cameraViewReportCsv(report, q.lang, orgUnitsById, deps.utcOffsetMinutes);
  });
}
