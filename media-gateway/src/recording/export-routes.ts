/**
 * Evidence exports (issue 14):
 *
 *   POST /api/v1/cameras/:id/exports { from, to, reason, profile?, incidentId? } → 201 { id, sha256, bytes, url, start, end }
 *   GET  /api/v1/cameras/:id/exports                    → { items }  (newest first)
 *   GET  /api/v1/exports/:id/file                        → the MP4 (attachment)
 *
 * All `camera.export` within the camera's scope; creating and downloading are audited with the range, the reason and
 * the hash.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { z } from 'zod';
import type { ScopeService } from '../auth/scope-service';
import { requires } from '../auth/route-policy';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import { HttpError } from '../platform/errors';
import { requireUser } from '../server/request-user';
import { parseInput } from '../server/validate';
import type { ClipExporter } from './clip-export';
import type { ExportRecord, ExportRepository } from './export-repository';

const MAX_EXPORT_MS = 30 * 60_000;
const idParams = z.object({ id: z.string().min(1).max(64) });
const exportBody = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(2, 'say why the clip is taken').max(500),
    profile: z.enum(['main', 'sub']).default('main'),
    incidentId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((b) => Date.parse(b.to) > Date.parse(b.from), { message: 'must be after from', path: ['to'] })
  .refine((b) => Date.parse(b.to) - Date.parse(b.from) <= MAX_EXPORT_MS, { message: 'at most 30 minutes after from', path: ['to'] });

export interface ExportRouteDeps {
  exporter: ClipExporter;
  exports: ExportRepository;
  cameras: CameraRepository;
  scope: ScopeService;
  audit: AuditRepository;
  root: string;
  now: () => number;
}

const dto = (e: ExportRecord) => ({
  id: e.id,
  cameraId: e.cameraId,
  profile: e.profile,
  start: new Date(e.startMs).toISOString(),
  end: new Date(e.endMs).toISOString(),
  reason: e.reason,
  incidentId: e.incidentId,
  bytes: e.bytes,
  sha256: e.sha256,
  createdAt: new Date(e.createdAt).toISOString(),
  createdBy: e.createdBy,
  url: `/api/v1/exports/${e.id}/file`,
});

export function registerExportRoutes(app: FastifyInstance, d: ExportRouteDeps): void {
  const exportRights = { config: requires('camera.export', 'camera-param') };

  app.post('/api/v1/cameras/:id/exports', exportRights, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(exportBody, req.body, 'body');
    const user = requireUser(req);
    const clip = await d.exporter.export(id, body.profile, Date.parse(body.from), Date.parse(body.to));
    const record: Omit<ExportRecord, 'deletedAt'> = { id: clip.id, cameraId: id, profile: body.profile, startMs: clip.startMs, endMs: clip.endMs, reason: body.reason, incidentId: body.incidentId ?? null, path: clip.path, bytes: clip.bytes, sha256: clip.sha256, createdAt: d.now(), createdBy: user.id };
    d.audit.recorded(() => d.exports.insert(record), {
      userId: user.id,
      username: user.username,
      action: 'recording.export',
      targetType: 'camera',
      targetId: id,
      outcome: 'ok',
      ip: req.ip,
      details: { exportId: clip.id, profile: body.profile, from: dto({ ...record, deletedAt: null }).start, to: dto({ ...record, deletedAt: null }).end, reason: body.reason, sha256: clip.sha256, bytes: clip.bytes },
    });
    return reply.code(201).send(dto({ ...record, deletedAt: null }));
  });

  app.get('/api/v1/cameras/:id/exports', exportRights, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return { items: d.exports.ofCamera(id).filter((e) => e.deletedAt === null).map(dto) };
  });

  app.get('/api/v1/exports/:id/file', { config: requires('camera.export', 'filtered') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const user = requireUser(req);
    const e = d.exports.get(id);
    const camera = e ? d.cameras.get(e.cameraId) : null;
    // Another township's export is not found, as if it did not exist (its id says nothing).
    if (!e || e.deletedAt !== null || (camera && !d.scope.canSeeOrgUnit(user, camera.orgUnitId)) || (!camera && user.orgUnitId !== null)) throw new HttpError(404, 'not_found', 'export not found');
    d.audit.append({ userId: user.id, username: user.username, action: 'recording.export-download', targetType: 'camera', targetId: e.cameraId, outcome: 'ok', ip: req.ip, details: { exportId: e.id, sha256: e.sha256 } });
    reply.header('content-type', 'video/mp4');
    reply.header('content-length', e.bytes);
    reply.header('x-content-sha256', e.sha256);
    reply.header('content-disposition', `attachment; filename="export-${e.cameraId.replace(/[^A-Za-z0-9_-]/g, '_')}-${new Date(e.startMs).toISOString().replace(/[-:]/g, '').slice(0, 15)}.mp4"`);
    return reply.send(createReadStream(join(d.root, e.path)));
  });
}
