import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STREAM_PROFILES, type StreamProfile } from '../../../contracts/src/camera';
import type { VideoRequest } from '../../../contracts/src/stream-status';
import { hlsTokenRoute } from '../auth/route-policy';
import { parseMediaUri } from '../packager/media-uris';
import type { Clock } from '../platform/clock';
import { HttpError } from '../platform/errors';
import type { Pipeline } from '../streams/pipeline';
import type { StreamManager } from '../streams/stream-manager';
import { requireUser } from '../server/request-user';

export interface HlsRouteDeps {
  streams: StreamManager;
  clock: Clock;
  targetSegmentSec: number;
  /**
   * How long a first playlist request waits for the camera's first complete segment (≈ probe + one GOP) before
   * answering 503 + Retry-After.
   */
  firstSegmentTimeoutMs?: number;
}

interface HlsParams {
  cameraId: string;
  profile: string;
  '*'?: string;
}

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';

/**
 * A viewer is a user at a workstation: token refreshes (a new token every few minutes) and several tiles of the same
 * camera on one screen do not count as more viewers.
 */
function viewerKey(req: FastifyRequest): string {
  return createHash('sha256').update(`${req.user?.id ?? ''}|${req.ip}`).digest('base64url').slice(0, 16);
}

function unavailable(reply: FastifyReply, p: Pipeline | null, fallback: string) {
  reply.header('retry-after', '2');
  reply.header('cache-control', 'no-store');
  return reply.code(503).send({ error: 'stream_unavailable', state: p?.state ?? 'stopped', message: p?.reason ?? fallback });
}

/** `video=original` (the viewer decodes the camera's codec): the passthrough pipeline; anything else the compatible one. */
const videoRequestOf = (q: Record<string, unknown>): VideoRequest => (q.video === 'original' ? 'original' : 'compatible');

/** The transcode budget is spent: a state of its own (the tile words it), retried later, never a silent overload. */
function transcodeCapacity(reply: FastifyReply, err: HttpError) {
  reply.header('retry-after', '10');
  reply.header('cache-control', 'no-store');
  return reply.code(503).send({ error: 'transcode-capacity', state: 'transcode-capacity', message: err.message });
}

const parseIntParam = (v: unknown): number | undefined | null => {
  if (v === undefined) return undefined;
  return typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : null;
};

/**
 * HLS delivery from the in-memory packager. Only the playlist starts a pipeline; parts and segments merely
 * keep it alive. Every URI in the playlist carries the caller's token, since relative URIs drop the query.
 */
export function registerHlsRoutes(app: FastifyInstance, deps: HlsRouteDeps): void {
  const profileOf = (p: string): StreamProfile | null => ((STREAM_PROFILES as readonly string[]).includes(p) ? (p as StreamProfile) : null);
  const holdMs = Math.max(3 * deps.targetSegmentSec * 1000, 3000);

  app.get<{ Params: HlsParams }>('/hls/:cameraId/:profile/index.m3u8', { config: hlsTokenRoute }, async (req, reply) => {
    const profile = profileOf(req.params.profile);
    if (!profile) return reply.code(404).send({ error: 'not_found', message: 'unknown profile' });
    const viewer = viewerKey(req);
    const q = req.query as Record<string, unknown>;
    const video = videoRequestOf(q);
    let pipeline: Pipeline;
    try {
      pipeline = deps.streams.acquire(req.params.cameraId, profile, viewer, { userId: requireUser(req).id, ip: req.ip }, video);
    } catch (err) {
      if (err instanceof HttpError && err.code === 'transcode-capacity') return transcodeCapacity(reply, err);
      throw err;
    }
    const packager = pipeline.packager;
    const msn = parseIntParam(q._HLS_msn);
    const part = parseIntParam(q._HLS_part);
    if (msn === null || part === null || (part !== undefined && msn === undefined)) {
      return reply.code(400).send({ error: 'bad_request', message: 'query._HLS_msn/_HLS_part: must be non-negative integers' });
    }
    if (msn !== undefined) {
      const cls = packager.classifyBlockingRequest(msn, part);
      if (cls === 'invalid' || cls === 'too-far') return reply.code(400).send({ error: 'bad_request', message: `query._HLS_msn: ${cls}` });
      if (cls === 'wait' && (await packager.waitFor(msn, part, holdMs)) === 'closed') return unavailable(reply, pipeline, 'stream stopped');
    } else if (!packager.renderPlaylist({})) {
      // First request: held until the first segment is complete, since a playlist of parts alone cannot be
      // started from (hls.js levelEmptyError). Answered early if the camera turns out to be down.
      const deadline = deps.clock.now() + (deps.firstSegmentTimeoutMs ?? 15_000);
      while (deps.clock.now() < deadline && pipeline.state !== 'offline' && !pipeline.isClosed) {
        if ((await packager.waitFor(0, undefined, 500)) !== 'timeout') break;
        pipeline.touch(viewer); // a parked request is a viewer: the idle stop must not end the stream it waits for
      }
    }
    if (msn === undefined && packager.renderPlaylist({})) {
      // A player's first playlist while the live edge sits in a segment without a keyframe at its start (see
      // HlsPackager.startable): held until the next keyframe is PART-HOLD-BACK old, at most about one GOP.
      const deadline = deps.clock.now() + (deps.firstSegmentTimeoutMs ?? 15_000);
      while (!packager.startable() && deps.clock.now() < deadline && pipeline.state !== 'offline' && !pipeline.isClosed) {
        await packager.waitUntilStartable(500);
        pipeline.touch(viewer);
      }
    }
    const token = typeof q.token === 'string' ? q.token : '';
    // Media URIs carry the delivery too: they must reach the same pipeline as this playlist.
    const query = `token=${encodeURIComponent(token)}${video === 'original' ? '&video=original' : ''}`;
    const text = packager.renderPlaylist({ query, skip: q._HLS_skip === 'YES' || q._HLS_skip === 'v2' });
    if (!text) return unavailable(reply, pipeline, 'stream starting');
    reply.header('content-type', PLAYLIST_TYPE);
    reply.header('cache-control', 'no-cache');
    return reply.send(text);
  });

  app.get<{ Params: HlsParams }>('/hls/:cameraId/:profile/*', { config: hlsTokenRoute }, async (req, reply) => {
    const profile = profileOf(req.params.profile);
    const uri = parseMediaUri(req.params['*'] ?? '');
    if (!profile || !uri) return reply.code(404).send({ error: 'not_found', message: 'no such media' });
    const pipeline = deps.streams.find(req.params.cameraId, profile, viewerKey(req), { userId: requireUser(req).id, ip: req.ip }, videoRequestOf(req.query as Record<string, unknown>));
    if (!pipeline) return reply.code(404).send({ error: 'not_found', message: 'stream not running' });
    const packager = pipeline.packager;
    let body: Buffer | null = null;
    if (uri.kind === 'init') body = packager.getInit(uri.generation);
    else if (uri.kind === 'segment') body = packager.getSegment(uri.msn);
    else {
      // A preload hint names the next part before it exists: hold the request until it does.
      const cls = packager.classifyBlockingRequest(uri.msn, uri.part);
      if (cls === 'too-far' || cls === 'invalid') return reply.code(400).send({ error: 'bad_request', message: `part ${cls}` });
      if (cls === 'wait') await packager.waitFor(uri.msn, uri.part, holdMs);
      body = packager.getPart(uri.msn, uri.part);
    }
    if (!body) return reply.code(404).send({ error: 'not_found', message: 'media no longer available' });
    reply.header('content-type', 'video/mp4');
    reply.header('cache-control', 'no-cache');
    return reply.send(body);
  });
}
