/**
 * Recording API (issue 14, first part):
 *
 *   GET /api/v1/cameras/:id/recording-plan            → { cameraId, plan, status }            camera.read, scoped
 *   PUT /api/v1/cameras/:id/recording-plan  plan       → { cameraId, plan, status } (audited)  camera.write, scoped
 *   GET /api/v1/cameras/:id/recordings?from&to&profile → { ranges, gaps } (ISO times)          camera.playback, scoped
 *   GET /api/v1/recordings/status                      → { items: CameraRecordingStatus[] }    camera.read, filtered
 *   GET /api/v1/recording-plan-defaults                → { items: [{ kind, target, plan }] }   camera.read, filtered
 *   PUT /api/v1/recording-plan-defaults/:kind/:target  plan (none removes) (audited)      camera.write, scoped
 *   GET /api/v1/alarms/:id/clip                        → the alarm's clip and what of it is recorded   camera.playback, scoped
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ScopeService } from '../auth/scope-service';
import { requires } from '../auth/route-policy';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import { HttpError } from '../platform/errors';
import { requireUser } from '../server/request-user';
import { parseInput } from '../server/validate';
import { recordingPlanSchema } from './recording-plan';
import { recordedRanges } from './recording-ranges';
import type { RecordingRepository } from './recording-repository';
import type { RecordingService } from './recording-service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const defaultParams = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('category'), target: z.enum(['1', '2', '3']) }),
  z.object({ kind: z.literal('org-unit'), target: z.string().regex(/^\d{6,12}$/, 'must be an org unit code') }),
]);
const MAX_RANGE_MS = 31 * 24 * 3600_000;
const rangeQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    profile: z.enum(['main', 'sub']).default('main'),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_RANGE_MS, { message: 'at most 31 days after from', path: ['to'] });

export interface RecordingRouteDeps {
  orgUnitExists(id: string): boolean;
  repo: RecordingRepository;
  service: RecordingService;
  cameras: CameraRepository;
  scope: ScopeService;
  audit: AuditRepository;
  now: () => number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function registerRecordingRoutes(app: FastifyInstance, d: RecordingRouteDeps): void {
  const cameraOr404 = (id: string) => {
    const camera = d.cameras.get(id);
    if (!camera) throw new HttpError(404, 'not_found', 'camera not found');
    return camera;
  };

  app.get('/api/v1/cameras/:id/recording-plan', { config: requires('camera.read', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    cameraOr404(id);
    const { plan, source } = d.repo.effective(id);
    return { cameraId: id, plan, source, status: d.service.status(id) };
  });

  app.put('/api/v1/cameras/:id/recording-plan', { config: requires('camera.write', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const plan = parseInput(recordingPlanSchema, req.body, 'body');
    cameraOr404(id);
    const user = requireUser(req);
    d.audit.recorded(() => d.repo.setPlan(id, plan, user.id), {
      userId: user.id,
      username: user.username,
      action: 'recording.plan-set',
      targetType: 'camera',
      targetId: id,
      outcome: 'ok',
      ip: req.ip,
      details: { mode: plan.mode, ...(plan.mode === 'none' ? {} : { profile: plan.profile }) },
    });
    d.service.reconcile();
    const { plan: applied, source } = d.repo.effective(id);
    return { cameraId: id, plan: applied, source, status: d.service.status(id) };
  });

  app.get('/api/v1/recording-plan-defaults', { config: requires('camera.read', 'filtered') }, async (req) => {
    const user = requireUser(req);
    return { items: d.repo.defaults().filter((x) => x.kind === 'category' || d.scope.canSeeOrgUnit(user, x.target)) };
  });

  app.put('/api/v1/recording-plan-defaults/:kind/:target', { config: requires('camera.write', 'global') }, async (req) => {
    const { kind, target } = parseInput(defaultParams, req.params, 'params');
    const plan = parseInput(recordingPlanSchema, req.body, 'body');
    const user = requireUser(req);
    if (kind === 'org-unit' && !d.orgUnitExists(target)) throw new HttpError(404, 'not_found', 'org unit not found');
    // A category's default applies county-wide: county-level users only; an org unit's within one's own scope.
    if (kind === 'category' ? user.orgUnitId !== null : !d.scope.canManage(user, target)) {
      d.audit.append({ userId: user.id, username: user.username, action: 'access.denied', targetType: kind, targetId: target, outcome: 'denied', ip: req.ip, details: { reason: kind === 'category' ? 'only county-level users may set a category default' : 'org unit is outside your scope' } });
      throw new HttpError(403, 'forbidden', kind === 'category' ? 'only county-level users may set a category default' : 'org unit is outside your scope');
    }
    d.audit.recorded(() => d.repo.setDefault(kind, target, plan, user.id), { userId: user.id, username: user.username, action: 'recording.plan-default-set', targetType: kind, targetId: target, outcome: 'ok', ip: req.ip, details: { mode: plan.mode } });
    d.service.reconcile();
    return { kind, target, plan };
  });

  app.get('/api/v1/cameras/:id/recordings', { config: requires('camera.playback', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const q = parseInput(rangeQuery, req.query, 'query');
    cameraOr404(id);
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    const { ranges, gaps } = recordedRanges(d.service.files(id, q.profile, from, to), from, to, d.now());
    const out = (r: { startMs: number; endMs: number }) => ({ start: iso(r.startMs), end: iso(r.endMs) });
    return { cameraId: id, profile: q.profile, from: iso(from), to: iso(to), ranges: ranges.map(out), gaps: gaps.map(out) };
  });

  app.get('/api/v1/alarms/:id/clip', { config: requires('camera.playback', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const user = requireUser(req);
    const clip = d.repo.clipOfAlarm(id);
    const camera = clip ? d.cameras.get(clip.cameraId) : null;
    // No clip, or a camera outside the caller's scope: the same answer (the alarm's existence is not confirmed).
    if (!clip || !camera || !d.scope.canSeeOrgUnit(user, camera.orgUnitId)) throw new HttpError(404, 'not_found', 'no clip for this alarm');
    const now = d.now();
    const { ranges } = recordedRanges(d.service.files(clip.cameraId, clip.profile, clip.startMs, clip.endMs), clip.startMs, clip.endMs, now);
    const recordedMs = ranges.reduce((sum, r) => sum + (r.endMs - r.startMs), 0);
    // recording: its post seconds are still to come; ready: recorded (pre-event seconds may be missing when the stream was not running); missing: nothing recorded.
    const state = now < clip.endMs ? 'recording' : recordedMs > 0 ? 'ready' : 'missing';
    return { alarmId: id, cameraId: clip.cameraId, profile: clip.profile, start: iso(clip.startMs), end: iso(clip.endMs), state, recordedMs, ranges: ranges.map((r) => ({ start: iso(r.startMs), end: iso(r.endMs) })) };
  });

  app.get('/api/v1/recordings/status', { config: requires('camera.read', 'filtered') }, async (req) => {
    const user = requireUser(req);
    const items = d.service.statuses().filter((s) => {
      const camera = d.cameras.get(s.cameraId);
      return camera !== null && d.scope.canSeeOrgUnit(user, camera.orgUnitId);
    });
    return { items };
  });
}
