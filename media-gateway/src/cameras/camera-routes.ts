import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  cameraCreateSchema,
  cameraListQuerySchema,
  cameraUpdateSchema,
  cameraWriteQuerySchema,
  STREAM_PROFILES,
  streamTestRequestSchema,
  type StreamProfile,
} from '../../../contracts/src/camera';
import type { LiveUrlResponse } from '../../../contracts/src/auth';
import { roleHas } from '../../../contracts/src/permissions';
import { VIDEO_REQUESTS } from '../../../contracts/src/stream-status';
import { requires } from '../auth/route-policy';
import type { CameraService } from './camera-service';
import type { AuditRepository } from '../db/audit-repository';
import type { Clock } from '../platform/clock';
import { forbidden } from '../platform/errors';
import type { HlsTokenSigner } from '../security/hls-token';
import type { SnapshotService } from '../streams/snapshot-service';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) });
const liveQuery = z.object({ profile: z.enum(STREAM_PROFILES).default('sub') }).strict();
// `video=original`: the console decodes the camera's own codec (HEVC), so the playlist serves it untouched.
const liveUrlQuery = liveQuery.extend({ video: z.enum(VIDEO_REQUESTS).default('compatible') }).strict();

export interface CameraRouteDeps {
  cameras: CameraService;
  hlsTokens: HlsTokenSigner;
  audit: AuditRepository;
  clock: Clock;
  hlsTokenTtlSec: number;
  snapshots: SnapshotService;
  /**
   * Where live-URL audits go: through the storage guard, so a full or locked database queues the audit (written when
   * it can be) instead of refusing live view. Plain `audit` when absent.
   */
  liveAudit?: Pick<AuditRepository, 'append'>;
}

export function hlsPlaylistPath(cameraId: string, profile: StreamProfile): string {
  return `/hls/${encodeURIComponent(cameraId)}/${profile}/index.m3u8`;
}

export function registerCameraRoutes(app: FastifyInstance, deps: CameraRouteDeps): void {
  app.get('/api/v1/cameras', { config: requires('camera.read', 'filtered') }, async (req) => {
    const query = parseInput(cameraListQuerySchema, req.query, 'query');
    return deps.cameras.list(requireUser(req), query);
  });

  // ?test=false skips the stream test, ?force=true saves even when it fails (see CameraService.create).
  app.post('/api/v1/cameras', { config: requires('camera.write', 'global') }, async (req, reply) => {
    const query = parseInput(cameraWriteQuerySchema, req.query, 'query');
    const body = parseInput(cameraCreateSchema, req.body, 'body');
    const created = await deps.cameras.create(requireUser(req), body, req.ip, { ...query, requestHostname: req.hostname });
    // An RTMP push camera's stream key is in this response and nowhere else.
    if (created.rtmp) reply.header('cache-control', 'no-store');
    return reply.code(201).send(created);
  });

  // Probe a stream before (or after) registering it: { url, username?, password? } or { cameraId, profile? }.
  app.post('/api/v1/cameras/test-stream', { config: requires('camera.write', 'global') }, async (req) => {
    const body = parseInput(streamTestRequestSchema, req.body, 'body');
    return deps.cameras.testStream(requireUser(req), body, req.ip);
  });

  // A new RTMP stream key for a push camera, shown once; the old key stops working at once.
  app.post('/api/v1/cameras/:id/rtmp-key', { config: requires('camera.write', 'camera-param') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    reply.header('cache-control', 'no-store');
    return deps.cameras.rotateRtmpKey(requireUser(req), id, req.ip, req.hostname);
  });

  app.get('/api/v1/cameras/:id', { config: requires('camera.read', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return deps.cameras.get(id);
  });

  app.patch('/api/v1/cameras/:id', { config: requires('camera.write', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const query = parseInput(cameraWriteQuerySchema, req.query, 'query');
    const body = parseInput(cameraUpdateSchema, req.body, 'body');
    return deps.cameras.update(requireUser(req), id, body, req.ip, query);
  });

  app.delete('/api/v1/cameras/:id', { config: requires('camera.write', 'camera-param') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    await deps.cameras.delete(requireUser(req), id, req.ip);
    return reply.code(204).send();
  });

  // A playable URL with a short-lived token bound to this user, camera and profile.
  app.get('/api/v1/cameras/:id/live', { config: requires('camera.live', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { profile, video } = parseInput(liveUrlQuery, req.query, 'query');
    const user = requireUser(req);
    if (profile === 'main' && !roleHas(user.role, 'camera.live-main')) throw forbidden(`role ${user.role} may not open main streams`);
    // Whole seconds, as the token carries it: the announced expiry is the token's own.
    const expiresAt = Math.floor(deps.clock.now() / 1000 + deps.hlsTokenTtlSec) * 1000;
    const token = deps.hlsTokens.sign({ userId: user.id, cameraId: id, profile, expiresAt, sessionId: user.sessionId });
    (deps.liveAudit ?? deps.audit).append({ userId: user.id, username: user.username, action: 'live.url', targetType: 'camera', targetId: id, outcome: 'ok', ip: req.ip, details: { profile } });
    const origin = `${req.protocol}://${req.host}`;
    const response: LiveUrlResponse = { url: `${origin}${hlsPlaylistPath(id, profile)}?token=${encodeURIComponent(token)}${video === 'original' ? '&video=original' : ''}`, expiresAt: new Date(expiresAt).toISOString() };
    return response;
  });

  app.get('/api/v1/cameras/:id/snapshot', { config: requires('camera.live', 'camera-param') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { profile } = parseInput(liveQuery, req.query, 'query');
    const user = requireUser(req);
    if (profile === 'main' && !roleHas(user.role, 'camera.live-main')) throw forbidden(`role ${user.role} may not open main streams`);
    const jpeg = await deps.snapshots.take(id, profile, { userId: user.id, ip: req.ip });
    deps.audit.append({ userId: user.id, username: user.username, action: 'snapshot.export', targetType: 'camera', targetId: id, outcome: 'ok', ip: req.ip, details: { profile } });
    reply.header('content-type', 'image/jpeg');
    reply.header('cache-control', 'no-store');
    reply.header('content-disposition', `inline; filename="snapshot-${id}-${new Date().toISOString().replace(/[:.]/g, '')}.jpg"`);
    return reply.send(jpeg);
  });
}
