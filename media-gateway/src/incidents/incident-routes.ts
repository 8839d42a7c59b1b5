import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  INCIDENT_ACTION_BODIES,
  INCIDENT_USER_ACTIONS,
  incidentCreateSchema,
  incidentFromAlarmSchema,
  incidentListQuerySchema,
  incidentStatisticsQuerySchema,
  type IncidentStatisticsResponse,
  type IncidentUserAction,
} from '../../../contracts/src/incident';
import type { Permission } from '../../../contracts/src/permissions';
import { toCsv } from '../server/csv-writer';
import { parseInput } from '../server/validate';
import { requires } from '../auth/route-policy';
import type { AuditEntry, AuditRepository } from '../db/audit-repository';
import { readUpload } from './attachment-upload';
import type { IncidentService } from './incident-service';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) }).strict();
const alarmParams = z.object({ alarmId: z.string().min(1).max(64) }).strict();
const attachmentParams = z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }).strict();

/**
 * Which permission the guard checks per step. `handle` and `return` are for the responsible township (`return` also
 * for the county); creating needs `incident.handle` at the door and then either `incident.write` or a place inside
 * the caller's own scope (the service checks). Everything else is the county's `incident.write`.
 */
const ACTION_PERMISSION: Record<IncidentUserAction, Permission> = {
  analyse: 'incident.write',
  dispatch: 'incident.write',
  handle: 'incident.handle',
  return: 'incident.handle',
  close: 'incident.write',
  supervise: 'incident.write',
  visit: 'incident.write',
};

export interface IncidentRouteDeps {
  incidents: IncidentService;
  audit: AuditRepository;
  attachmentMaxBytes: number;
  /** For the dates in export file names (local days). */
  utcOffsetMinutes: number;
}

export function statisticsCsv(s: IncidentStatisticsResponse): string {
  const pct = (r: number | null) => (r === null ? null : (r * 100).toFixed(2));
  return toCsv(
    ['key', 'name', 'accepted', 'handled', 'handling_rate_percent', 'overdue', 'supervised', 'return_visits', 'satisfaction_avg', 'disputes_investigated', 'disputes_resolved'],
    [...s.rows, s.total].map((r) => [r.key, r.label, r.accepted, r.handled, pct(r.handlingRate), r.overdue, r.supervised, r.returnVisits, r.satisfactionAvg === null ? null : r.satisfactionAvg.toFixed(2), r.disputesInvestigated, r.disputesResolved]),
  );
}

/** REST for incidents. Every handler parses its input, calls the service, and answers after the commit. */
export function registerIncidentRoutes(app: FastifyInstance, deps: IncidentRouteDeps): void {
  const svc = deps.incidents;
  // Every incident action is in the audit log too (the incident's timeline is its own history; the audit is the site's),
  // in the same transaction as the action: both commit or neither.
  const entry = (req: FastifyRequest, action: string, id: string, details: Record<string, unknown> | null = null): AuditEntry => ({
    userId: requireUser(req).id,
    username: requireUser(req).username,
    action: `incident.${action}`,
    targetType: 'incident',
    targetId: id,
    outcome: 'ok',
    ip: req.ip,
    details,
  });

  app.post('/api/v1/incidents', { config: requires('incident.handle', 'filtered') }, async (req, reply) => {
    const body = parseInput(incidentCreateSchema, req.body, 'body');
    const { incident, created } = deps.audit.recorded(
      () => svc.create(requireUser(req), body),
      (r) => (r.created ? entry(req, 'create', r.incident.id) : null),
    );
    return reply.code(created ? 201 : 200).send(incident);
  });

  app.post('/api/v1/incidents/from-alarm/:alarmId', { config: requires('incident.handle', 'filtered') }, async (req, reply) => {
    const { alarmId } = parseInput(alarmParams, req.params, 'params');
    const body = parseInput(incidentFromAlarmSchema, req.body, 'body');
    const { incident, created } = deps.audit.recorded(
      () => svc.createFromAlarm(requireUser(req), alarmId, body),
      (r) => (r.created ? entry(req, 'create', r.incident.id, { alarmId }) : null),
    );
    return reply.code(created ? 201 : 200).send(incident);
  });

  app.get('/api/v1/incidents', { config: requires('incident.read', 'filtered') }, async (req) => svc.list(requireUser(req), parseInput(incidentListQuerySchema, req.query, 'query')));

  app.get('/api/v1/incidents/statistics', { config: requires('incident.read', 'filtered') }, async (req, reply) => {
    const q = parseInput(incidentStatisticsQuerySchema, req.query, 'query');
    const stats = svc.statistics(requireUser(req), q);
    if (q.format === 'json') return stats;
    const user = requireUser(req);
    deps.audit.append({ userId: user.id, username: user.username, action: 'incident.statistics-export', targetType: 'report', targetId: 'incident-statistics', outcome: 'ok', ip: req.ip, details: { from: stats.from, to: stats.to, groupBy: q.groupBy } });
    reply.header('content-type', 'text/csv; charset=utf-8');
    // Local calendar days, the last one inclusive: incident-statistics-month-2024-01-01-2024-12-31.csv
    const day = (ms: number) => new Date(ms + deps.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="incident-statistics-${q.groupBy}-${day(Date.parse(stats.from))}-${day(Date.parse(stats.to) - 1)}.csv"`);
    return statisticsCsv(stats);
  });

  // The escalation also runs on a timer (incidents.escalationSweepSec); this runs it now.
  app.post('/api/v1/incidents/escalation-sweep', { config: requires('incident.write', 'global') }, async () => ({ escalated: svc.escalateOverdue() }));

  app.get('/api/v1/incidents/:id', { config: requires('incident.read', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return svc.detail(requireUser(req), id, req.ip);
  });

  for (const action of INCIDENT_USER_ACTIONS) {
    app.post(`/api/v1/incidents/:id/${action}`, { config: requires(ACTION_PERMISSION[action], 'filtered') }, async (req) => {
      const { id } = parseInput(idParams, req.params, 'params');
      const body = parseInput(INCIDENT_ACTION_BODIES[action], req.body, 'body');
      return deps.audit.recorded(() => svc.act(requireUser(req), id, action, body as never, req.ip), entry(req, action, id));
    });
  }

  app.get('/api/v1/incidents/:id/attachments', { config: requires('incident.read', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return { items: svc.listAttachments(requireUser(req), id, req.ip) };
  });

  app.get('/api/v1/incidents/:id/attachments/:attachmentId', { config: requires('incident.read', 'filtered') }, async (req, reply) => {
    const { id, attachmentId } = parseInput(attachmentParams, req.params, 'params');
    const a = svc.attachment(requireUser(req), id, attachmentId, req.ip);
    reply.header('content-type', a.contentType);
    reply.header('content-length', String(a.data.length));
    reply.header('content-disposition', `attachment; filename="${a.fileName}"`);
    reply.header('cache-control', 'private, no-store');
    reply.header('content-security-policy', "default-src 'none'; sandbox");
    return reply.send(a.data);
  });

  // Uploads take raw bytes (or one multipart file part) in their own context, so no other route parses binary bodies.
  void app.register(async (upload) => {
    const bodyLimit = deps.attachmentMaxBytes + 64 * 1024; // multipart headers; the file itself is checked exactly
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
    upload.post('/api/v1/incidents/:id/attachments', { bodyLimit, config: requires('incident.handle', 'filtered') }, async (req, reply) => {
      const { id } = parseInput(idParams, req.params, 'params');
      const file = readUpload(req.body, req.headers['content-type'], deps.attachmentMaxBytes);
      const attachment = deps.audit.recorded(() => svc.addAttachment(requireUser(req), id, file, req.ip), entry(req, 'attach', id, { size: file.data.length }));
      return reply.code(201).send(attachment);
    });
  });
}
