/**
 * Playback of recordings (issue 14):
 *
 *   GET /api/v1/cameras/:id/playback?start&end&profile → { url, start, end, expiresAt }   camera.playback, scoped, audited
 *   GET /vod/:cameraId/:profile/index.m3u8?token&from&to → HLS VOD playlist                 playback token
 *   GET /vod/:cameraId/:profile/file/:fileId.mp4?token   → the recording file, by byte range  playback token
 *
 * The token is the live one's kind, made for playback (hls-token.ts: a live token does not open recordings, nor the
 * reverse), bound to user, camera and profile; every request re-checks the user's rights and scope.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { join } from 'node:path';
import { z } from 'zod';
import { playbackTokenRoute, requires } from '../auth/route-policy';
import type { AuditRepository } from '../db/audit-repository';
import { HttpError } from '../platform/errors';
import type { HlsTokenSigner } from '../security/hls-token';
import { requireUser } from '../server/request-user';
import { parseInput } from '../server/validate';
import type { RecordingFs } from './recording-fs';
import type { RecordingService } from './recording-service';
import { renderVodPlaylist, vodSegments } from './vod-playlist';

/** One playlist covers at most this much (a day's timeline asks for windows as it is scrubbed). */
const MAX_WINDOW_MS = 6 * 3600_000;
const DEFAULT_WINDOW_MS = 3600_000;

const idParams = z.object({ id: z.string().min(1).max(64) });
const vodParams = z.object({ cameraId: z.string().min(1).max(64), profile: z.enum(['main', 'sub']) });
const fileParams = vodParams.extend({ fileId: z.string().regex(/^\d{1,15}\.mp4$/, 'must be a recording file') });
const playbackQuery = z
  .object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }).optional(), profile: z.enum(['main', 'sub']).default('main') })
  .strict()
  .refine((q) => q.end === undefined || (Date.parse(q.end) > Date.parse(q.start) && Date.parse(q.end) - Date.parse(q.start) <= MAX_WINDOW_MS), { message: 'must be after start, at most 6 h', path: ['end'] });
const ms = z.coerce.number().int().min(0).max(8.64e15);
const windowQuery = z
  .object({ token: z.string(), from: ms, to: ms })
  .strict()
  .refine((q) => q.to > q.from && q.to - q.from <= MAX_WINDOW_MS, { message: 'must be after from, at most 6 h', path: ['to'] });

export interface PlaybackRouteDeps {
  service: Pick<RecordingService, 'files' | 'file'>;
  fs: RecordingFs;
  root: string;
  tokens: HlsTokenSigner;
  audit: AuditRepository;
  now: () => number;
}

export function registerPlaybackRoutes(app: FastifyInstance, d: PlaybackRouteDeps): void {
  app.get('/api/v1/cameras/:id/playback', { config: requires('camera.playback', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const q = parseInput(playbackQuery, req.query, 'query');
    const user = requireUser(req);
    const from = Date.parse(q.start);
    const to = q.end ? Date.parse(q.end) : from + DEFAULT_WINDOW_MS;
    // Long enough to watch the window at normal speed with pauses; a new URL is asked for the next window anyway.
    const expiresAt = Math.floor((d.now() + Math.min(MAX_WINDOW_MS, 2 * (to - from)) + 600_000) / 1000) * 1000;
    const token = d.tokens.sign({ userId: user.id, cameraId: id, profile: q.profile, expiresAt, sessionId: user.sessionId, purpose: 'playback' });
    d.audit.append({ userId: user.id, username: user.username, action: 'recording.playback', targetType: 'camera', targetId: id, outcome: 'ok', ip: req.ip, details: { profile: q.profile, from: new Date(from).toISOString(), to: new Date(to).toISOString() } });
    const path = `/vod/${encodeURIComponent(id)}/${q.profile}/index.m3u8?token=${encodeURIComponent(token)}&from=${from}&to=${to}`;
    return { url: `${req.protocol}://${req.host}${path}`, start: new Date(from).toISOString(), end: new Date(to).toISOString(), expiresAt: new Date(expiresAt).toISOString() };
  });

  app.get('/vod/:cameraId/:profile/index.m3u8', { config: playbackTokenRoute }, async (req, reply) => {
    const { cameraId, profile } = parseInput(vodParams, req.params, 'params');
    const q = parseInput(windowQuery, req.query, 'query');
    const files = d.service.files(cameraId, profile, q.from, q.to);
    const segments = vodSegments(files, q.from, q.to);
    if (segments.length === 0) throw new HttpError(404, 'not_found', 'nothing recorded in this period');
    const token = encodeURIComponent(q.token);
    reply.header('content-type', 'application/vnd.apple.mpegurl');
    reply.header('cache-control', 'no-store');
    return renderVodPlaylist(files, segments, (fileId) => `file/${fileId}.mp4?token=${token}`);
  });

  app.get('/vod/:cameraId/:profile/file/:fileId', { config: playbackTokenRoute }, async (req, reply) => {
    const { cameraId, profile, fileId } = parseInput(fileParams, req.params, 'params');
    const file = d.service.file(Number(fileId.slice(0, -4)));
    // The token is for this camera and profile: a file of another one is not found, whatever its number.
    if (!file || file.cameraId !== cameraId || file.profile !== profile) throw new HttpError(404, 'not_found', 'recording not found');
    return sendRange(reply, d.fs, join(d.root, file.path), file.bytes, req.headers.range);
  });
}

/** RFC 9110 §14: one byte range (what HLS players ask for), else the whole file. */
function sendRange(reply: FastifyReply, fs: RecordingFs, path: string, size: number, range: string | undefined) {
  reply.header('content-type', 'video/mp4');
  reply.header('accept-ranges', 'bytes');
  reply.header('cache-control', 'private, max-age=3600');
  if (!range) {
    reply.header('content-length', size);
    return reply.send(fs.stream(path, 0, Math.max(0, size - 1)));
  }
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = m?.[1] ? Number(m[1]) : NaN;
  let end = m?.[2] ? Number(m[2]) : size - 1;
  if (m && !m[1] && m[2]) {
    start = Math.max(0, size - Number(m[2])); // the last N bytes
    end = size - 1;
  }
  end = Math.min(end, size - 1);
  if (!m || !Number.isFinite(start) || start > end || start >= size) {
    reply.header('content-range', `bytes */${size}`);
    return reply.code(416).send();
  }
  reply.header('content-range', `bytes ${start}-${end}/${size}`);
  reply.header('content-length', end - start + 1);
  return reply.code(206).send(fs.stream(path, start, end));
}
