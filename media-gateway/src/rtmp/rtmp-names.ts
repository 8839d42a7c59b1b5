import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Pure rules for who may publish or play what on the in-process RTMP server, checked on the raw RTMP command
 * values before node-media-server sees them.
 *
 * Publish URL: `rtmp://<gateway>:<port>/live/<cameraId>?key=<streamKey>` — app `live`, stream name `<cameraId>`,
 * query exactly `key=<43 base64url chars>` (32 random bytes). Everything else is refused: other apps, any `%`
 * (percent-encoding is never needed, so it is never accepted), `..`, `/` or `\` anywhere, names outside
 * `[A-Za-z0-9_-]{1,64}`, extra or repeated query parameters, unknown cameras, cameras that are not `rtmp-push`,
 * wrong keys — from 127.0.0.1 too.
 */
export const RTMP_APP = 'live';

const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
const KEY_RE = /^[A-Za-z0-9_-]{43}$/;
const MAX_RAW = 256;

export type RtmpRejectReason =
  | 'bad-app'
  | 'bad-name'
  | 'encoded'
  | 'traversal'
  | 'bad-query'
  | 'missing-key'
  | 'unknown-camera'
  | 'not-push-camera'
  | 'wrong-key'
  | 'play-forbidden'
  | 'publish-forbidden'
  | 'busy'
  | 'protocol';

export type StreamRequest = { ok: true; cameraId: string; key: string } | { ok: false; reason: RtmpRejectReason };

function suspicious(value: string): RtmpRejectReason | null {
  if (value.includes('%')) return 'encoded';
  if (value.includes('..') || value.includes('/') || value.includes('\\')) return 'traversal';
  return null;
}

/** The app from the RTMP `connect` command: exactly `live`. */
export function checkApp(app: unknown): RtmpRejectReason | null {
  if (typeof app !== 'string') return 'bad-app';
  if (app === RTMP_APP) return null;
  return suspicious(app) ?? 'bad-app';
}

/** The raw stream name of a `publish`/`play` command (`<cameraId>?key=<key>`), with the app it was connected to. */
export function parseStreamRequest(app: unknown, rawStreamName: unknown): StreamRequest {
  const appProblem = checkApp(app);
  if (appProblem) return { ok: false, reason: appProblem };
  if (typeof rawStreamName !== 'string' || rawStreamName.length === 0 || rawStreamName.length > MAX_RAW) return { ok: false, reason: 'bad-name' };
  const problem = suspicious(rawStreamName);
  if (problem) return { ok: false, reason: problem };
  const q = rawStreamName.indexOf('?');
  const name = q === -1 ? rawStreamName : rawStreamName.slice(0, q);
  if (!NAME_RE.test(name)) return { ok: false, reason: 'bad-name' };
  if (q === -1) return { ok: false, reason: 'missing-key' };
  const query = rawStreamName.slice(q + 1);
  if (!query.startsWith('key=')) return { ok: false, reason: query.includes('key=') ? 'bad-query' : 'missing-key' };
  const key = query.slice(4);
  if (!KEY_RE.test(key)) return { ok: false, reason: 'bad-query' };
  return { ok: true, cameraId: name, key };
}

/** A new stream key: 32 random bytes (256 bit), base64url (43 characters, no padding). */
export function generateStreamKey(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for a key: SHA-256 hex. The key has 256 bits of entropy, so a plain hash is enough. */
export function hashStreamKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function streamKeyMatches(key: string, storedHash: string | null): boolean {
  if (!storedHash || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(hashStreamKey(key), 'hex'), Buffer.from(storedHash, 'hex'));
}

/**
 * Tokens for the gateway's own ffmpeg pulling a pushed stream: HMAC of the camera id under a secret made at start-up,
 * so they die with the process and never touch the database.
 */
export class InternalPlayTokens {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  token(cameraId: string): string {
    return createHmac('sha256', this.secret).update(`rtmp-play:${cameraId}`).digest('base64url');
  }

  verify(cameraId: string, token: string): boolean {
    const expected = Buffer.from(this.token(cameraId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** What the server needs to know about a camera to let it publish. */
export interface PushCameraInfo {
  sourceType: string;
  rtmpKeyHash: string | null;
}
export type PushCameraLookup = (cameraId: string) => PushCameraInfo | null;

export type RtmpDecision = { ok: true; cameraId: string } | { ok: false; reason: RtmpRejectReason; cameraId?: string };

/** May this `publish` go ahead? Name, key and camera checked; the remote address does not matter (NAT). */
export function authorizePublish(app: unknown, rawStreamName: unknown, lookup: PushCameraLookup): RtmpDecision {
  const req = parseStreamRequest(app, rawStreamName);
  if (!req.ok) return req;
  const camera = lookup(req.cameraId);
  if (!camera) return { ok: false, reason: 'unknown-camera', cameraId: req.cameraId };
  if (camera.sourceType !== 'rtmp-push') return { ok: false, reason: 'not-push-camera', cameraId: req.cameraId };
  if (!streamKeyMatches(req.key, camera.rtmpKeyHash)) return { ok: false, reason: 'wrong-key', cameraId: req.cameraId };
  return { ok: true, cameraId: req.cameraId };
}

/** May this `play` go ahead? Only the gateway's own pull: loopback, internal token, a push camera. */
export function authorizePlay(app: unknown, rawStreamName: unknown, remoteAddress: string | undefined, tokens: InternalPlayTokens, lookup: PushCameraLookup): RtmpDecision {
  if (!isLoopback(remoteAddress)) return { ok: false, reason: 'play-forbidden' };
  const req = parseStreamRequest(app, rawStreamName);
  if (!req.ok) return req;
  if (!tokens.verify(req.cameraId, req.key)) return { ok: false, reason: 'play-forbidden', cameraId: req.cameraId };
  const camera = lookup(req.cameraId);
  if (!camera) return { ok: false, reason: 'unknown-camera', cameraId: req.cameraId };
  if (camera.sourceType !== 'rtmp-push') return { ok: false, reason: 'not-push-camera', cameraId: req.cameraId };
  return { ok: true, cameraId: req.cameraId };
}
