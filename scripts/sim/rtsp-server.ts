/**
 * One simulated camera's RTSP endpoint: a net.Server on its own host:port, digest auth with the camera's own
 * credentials, a video track and (per profile) an audio track, RTP interleaved on the RTSP connection and/or over UDP
 * (per profile), switches for fault injection, and the misbehaviour a profile asks for (silent, ts-jump).
 */
import { randomBytes, randomInt } from 'node:crypto';
import net from 'node:net';
import type { AudioClip } from './audio-clip';
import type { SimCameraIdentity } from './camera-identity';
import { UNIFORM_PROFILE, type CameraProfile } from './camera-profile';
import type { Clip, SimProfile } from './clip';
import { sendOrderOf, type SessionTiming } from './frame-timing';
import { now, type FrameTicker, type PacedStream } from './pacer';
import type { PtzCell } from './ptz-state';
import { PtzClipSwitcher } from './ptz-switcher';
import { NonceIssuer, digestChallenge, verifyDigest } from './rtsp-digest';
import { RtspMessageReader, serializeResponse, type RtspRequest } from './rtsp-message';
import { SimSession, type TrackKind } from './rtsp-session';
import { bindUdpPair, chooseTransport, isLoopback, type UdpPair } from './rtsp-transport';
import { AUDIO_TRACK_CONTROL, TRACK_CONTROL, buildSdp } from './sdp';

export { chooseTransport } from './rtsp-transport';
/** ts-jump cameras: how far the RTP clocks step forward at each clip loop (an NTP step on a real camera). */
export const TS_JUMP_SEC = 10;

/** Path → profile. Hikvision-style channels plus short aliases; matched case-insensitively, query ignored. */
export const STREAM_PATHS: Record<string, SimProfile> = {
  '/streaming/channels/101': 'main',
  '/streaming/channels/102': 'sub',
  '/main': 'main',
  '/sub': 'sub',
};
export const MAIN_PATH = '/Streaming/Channels/101';
export const SUB_PATH = '/Streaming/Channels/102';

const PUBLIC_METHODS = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER';
export const SESSION_TIMEOUT_S = 60;
/** Requests buffered per connection while the camera is stalled. */
const MAX_HELD_BYTES = 64 * 1024;

/**
 * Resolve a request URI to a stream path and profile; `track` is the trackID it names (SETUP of trackID=1 video,
 * trackID=2 audio), or null for the stream itself.
 */
export function resolveStreamUri(uri: string): { path: string; profile: SimProfile; track: number | null } | null {
  let pathname: string;
  try {
    pathname = uri.startsWith('/') ? new URL(uri, 'rtsp://x').pathname : new URL(uri).pathname;
  } catch {
    return null;
  }
  let path = pathname.replace(/\/+$/, '');
  let track: number | null = null;
  const m = /\/trackid=(\d{1,3})$/i.exec(path);
  if (m) {
    path = path.slice(0, -m[0].length);
    track = Number(m[1]);
  }
  const profile = STREAM_PATHS[path.toLowerCase()];
  return profile ? { path, profile, track } : null;
}

const TRACK_IDS: Record<number, TrackKind> = { 1: 'video', 2: 'audio' };
const CONTROLS: Record<TrackKind, string> = { video: TRACK_CONTROL, audio: AUDIO_TRACK_CONTROL };

export interface ClipSource {
  acquire(index: number, profile: SimProfile, ptz?: PtzCell): Promise<Clip>;
  release(index: number, profile: SimProfile, ptz?: PtzCell): void;
  /** The camera's audio (null when its profile has none). */
  acquireAudio?(index: number): Promise<AudioClip | null>;
}

/** A PTZ camera's head as the RTSP side sees it: the cell to show, and a hook to encode the other cells ahead. */
export interface PtzPicture {
  cell(): PtzCell;
  warm?(profile: SimProfile): void;
}

export interface EndpointStats {
  connections: number;
  sessions: number;
  playing: number;
  bytesSent: number;
  framesSent: number;
  framesSkipped: number;
  /**
   * Wall-clock time (Date.now() ms) at which the most recent PLAY on this camera started sending, i.e. when media
   * time 0 of that session went out; null before the first PLAY. Lets benchmarks relate player time to send time.
   */
  lastPlayStartedAt: number | null;
  /** DESCRIBE requests received since the camera was created (answered or not): how often a client asked. */
  describes: number;
  /** Requests that carried credentials and were refused (wrong password or broken auth): what locks real accounts. */
  authRejected: number;
  /** Each current session's send schedule (frame-timing.ts): when clip frame N of loop K went out. */
  timing: SessionTiming[];
}

/** Wall-clock ms of a performance.now() instant. */
const wallOf = (mono: number): number => Math.round(Date.now() - now() + mono);

type Session = SimSession & {
  /** Registered with the ticker while playing. */
  paced: PacedStream | null;
};

interface Connection {
  socket: net.Socket;
  reader: RtspMessageReader;
  /** Raw bytes received while stalled, replayed on unstall. */
  held: Buffer[];
  heldBytes: number;
  queue: Promise<void>;
  session: Session | null;
  lastActivityMs: number;
  closing: boolean;
}

export interface CameraEndpointOptions {
  identity: SimCameraIdentity;
  /** Default: the uniform profile (GOP 1 s H.264, no audio, TCP only, normal). */
  profile?: Readonly<CameraProfile>;
  host: string;
  port: number;
  clips: ClipSource;
  ticker: FrameTicker;
  nonces?: NonceIssuer;
  log?: (msg: string) => void;
  /** Shared frame phase so concurrent viewers of one camera see roughly the same clip time. */
  phaseFrame?: () => number;
  /** Set for a simulated PTZ camera: its picture follows the head (ptz-state.ts, ptz-scene.ts). */
  ptz?: PtzPicture;
}

export class CameraEndpoint {
  readonly identity: SimCameraIdentity;
  readonly profile: Readonly<CameraProfile>;
  readonly host: string;
  /** The bound port (resolved after the first listen when 0 was asked for). */
  port: number;
  readonly realm: string;
  stalled = false;
  authBroken = false;
  private server: net.Server | null = null;
  private readonly connections = new Set<Connection>();
  private readonly clips: ClipSource;
  private readonly ticker: FrameTicker;
  private readonly nonces: NonceIssuer;
  private readonly log: (msg: string) => void;
  private readonly phaseFrame: () => number;
  private readonly ptz: PtzPicture | null;
  private bytesSentClosed = 0;
  private framesSentClosed = 0;
  private framesSkippedClosed = 0;
  private lastPlayStartedAt: number | null = null;
  private describes = 0;
  private authRejected = 0;

  constructor(o: CameraEndpointOptions) {
    this.identity = o.identity;
    this.profile = o.profile ?? UNIFORM_PROFILE;
    this.host = o.host;
    this.port = o.port;
    this.realm = `County Video Sim ${o.identity.name}`;
    this.clips = o.clips;
    this.ticker = o.ticker;
    this.nonces = o.nonces ?? new NonceIssuer();
    this.log = o.log ?? (() => {});
    this.phaseFrame = o.phaseFrame ?? (() => 0);
    this.ptz = o.ptz ?? null;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  urlFor(path: string): string {
    return `rtsp://${this.host}:${this.port}${path}`;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = net.createServer({ noDelay: true }, (socket) => this.onConnection(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.host, port: this.port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.log(`sim: ${this.identity.id} server error: ${err.message}`));
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    this.server = server;
  }

  /** Stop listening and drop every connection (clients see the camera vanish). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const c of [...this.connections]) c.socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  stall(): void {
    this.stalled = true;
  }

  unstall(): void {
    this.stalled = false;
    for (const c of this.connections) {
      const held = c.held;
      c.held = [];
      c.heldBytes = 0;
      for (const chunk of held) this.onData(c, chunk);
    }
  }

  stats(): EndpointStats {
    let sessions = 0;
    let playing = 0;
    let bytesSent = this.bytesSentClosed;
    let framesSent = this.framesSentClosed;
    let framesSkipped = this.framesSkippedClosed;
    const timings: SessionTiming[] = [];
    for (const c of this.connections) {
      if (!c.session) continue;
      sessions++;
      if (c.session.playing) playing++;
      for (const t of c.session.tracks) bytesSent += t.media.bytesSent;
      const v = c.session.videoStream;
      if (!v) continue;
      timings.push(this.timing(c.session, v));
      framesSent += v.framesSent;
      framesSkipped += v.framesSkipped;
    }
    return { connections: this.connections.size, sessions, playing, bytesSent, framesSent, framesSkipped, lastPlayStartedAt: this.lastPlayStartedAt, describes: this.describes, authRejected: this.authRejected, timing: timings };
  }

  private timing(s: Session, st: NonNullable<SimSession['videoStream']>): SessionTiming {
    const clip = st.currentClip;
    const started = st.isPlaying || st.framesSent + st.framesSkipped > 0;
    return {
      stream: s.profile,
      transport: s.video?.transport.kind ?? 'tcp',
      playing: st.isPlaying,
      startedAt: started ? wallOf(st.startedAtMono) : null,
      fps: clip.fps,
      clipFrames: clip.accessUnits.length,
      firstClipFrame: st.firstClipFrame,
      sendOrder: sendOrderOf(clip.accessUnits.map((u) => u.ptsOffset)),
    };
  }

  private onConnection(socket: net.Socket): void {
    const conn: Connection = {
      socket,
      reader: new RtspMessageReader(),
      held: [],
      heldBytes: 0,
      queue: Promise.resolve(),
      session: null,
      lastActivityMs: now(),
      closing: false,
    };
    this.connections.add(conn);
    socket.setKeepAlive(true, 30_000);
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.connections.delete(conn);
      this.endSession(conn);
    });
  }

  private onData(conn: Connection, chunk: Buffer): void {
    if (conn.closing) return;
    conn.lastActivityMs = now();
    // A silent camera accepts the connection and never answers a byte (a hung firmware, a half-open NAT mapping).
    if (this.profile.behaviour === 'silent') return;
    if (this.stalled) {
      // A black hole: accept bytes, answer nothing. Keep a little so requests are answered after unstall.
      if (conn.heldBytes + chunk.length <= MAX_HELD_BYTES) {
        conn.held.push(chunk);
        conn.heldBytes += chunk.length;
      }
      return;
    }
    let messages;
    try {
      messages = conn.reader.push(chunk);
    } catch (err) {
      conn.closing = true;
      conn.socket.end(serializeResponse(400, undefined, { Connection: 'close' }));
      this.log(`sim: ${this.identity.id} protocol error: ${(err as Error).message}`);
      return;
    }
    for (const msg of messages) {
      if (msg.kind !== 'request') continue; // RTCP receiver reports and stray responses: activity only
      conn.queue = conn.queue
        .then(() => this.handle(conn, msg))
        .catch((err: unknown) => {
          this.log(`sim: ${this.identity.id} ${msg.method} failed: ${(err as Error).message}`);
          this.reply(conn, msg, 500);
        });
    }
  }

  private reply(conn: Connection, req: RtspRequest, status: number, headers: Record<string, string | number | undefined> = {}, body = ''): void {
    if (conn.socket.destroyed || this.stalled) return;
    conn.socket.write(serializeResponse(status, req.headers.get('cseq'), headers, body));
  }

  private challenge(conn: Connection, req: RtspRequest, stale = false): void {
    this.reply(conn, req, 401, { 'WWW-Authenticate': digestChallenge(this.realm, this.nonces.issue(this.realm), { stale }) });
  }

  private async handle(conn: Connection, req: RtspRequest): Promise<void> {
    if (conn.socket.destroyed) return;
    if (req.version !== 'RTSP/1.0') return this.reply(conn, req, 505);
    if (req.method === 'OPTIONS') return this.reply(conn, req, 200, { Public: PUBLIC_METHODS });
    if (req.method === 'DESCRIBE') this.describes++;

    const verdict = this.authBroken
      ? 'wrong'
      : verifyDigest(req.headers.get('authorization'), req.method, { username: this.identity.username, password: this.identity.password, realm: this.realm }, this.nonces);
    if (verdict !== 'ok') {
      if (req.headers.has('authorization')) this.authRejected++;
      return this.challenge(conn, req, verdict === 'bad-nonce');
    }

    switch (req.method) {
      case 'DESCRIBE':
        return this.describe(conn, req);
      case 'SETUP':
        return this.setup(conn, req);
      case 'PLAY':
        return this.play(conn, req);
      case 'PAUSE': {
        const s = this.sessionFor(conn, req);
        if (!s) return this.reply(conn, req, 454);
        s.pause();
        return this.reply(conn, req, 200, { Session: this.sessionHeader(s) });
      }
      case 'TEARDOWN': {
        const s = this.sessionFor(conn, req);
        if (!s) return this.reply(conn, req, 454);
        this.endSession(conn);
        return this.reply(conn, req, 200, { Session: s.id });
      }
      case 'GET_PARAMETER':
      case 'SET_PARAMETER': {
        if (req.headers.has('session') && !this.sessionFor(conn, req)) return this.reply(conn, req, 454);
        const s = conn.session;
        return this.reply(conn, req, 200, { Session: s ? this.sessionHeader(s) : undefined });
      }
      default:
        return this.reply(conn, req, 501, { Public: PUBLIC_METHODS });
    }
  }

  private sessionHeader(s: Session): string {
    return `${s.id};timeout=${SESSION_TIMEOUT_S}`;
  }

  private sessionFor(conn: Connection, req: RtspRequest): Session | null {
    const id = (req.headers.get('session') ?? '').split(';')[0]?.trim();
    return conn.session && id === conn.session.id ? conn.session : null;
  }

  private async describe(conn: Connection, req: RtspRequest): Promise<void> {
    const target = resolveStreamUri(req.uri);
    if (!target || target.track !== null) return this.reply(conn, req, 404);
    let clip: Clip;
    let audio: AudioClip | null;
    const cell = this.ptz?.cell();
    try {
      clip = await this.clips.acquire(this.identity.index, target.profile, cell);
    } catch (err) {
      this.log(`sim: ${this.identity.id} clip unavailable: ${(err as Error).message}`);
      return this.reply(conn, req, 503);
    }
    this.clips.release(this.identity.index, target.profile, cell);
    try {
      audio = (await this.clips.acquireAudio?.(this.identity.index)) ?? null;
    } catch (err) {
      this.log(`sim: ${this.identity.id} audio unavailable: ${(err as Error).message}`);
      return this.reply(conn, req, 503);
    }
    const sdp = buildSdp({
      sessionId: String(randomInt(1, 2 ** 47)),
      host: this.host,
      title: `${this.identity.name} ${target.profile}`,
      codec: clip.codec,
      ...(clip.vps ? { vps: clip.vps } : {}),
      sps: clip.sps,
      pps: clip.pps,
      width: clip.width,
      height: clip.height,
      fps: clip.fps,
      ...(audio ? { audio: { payloadType: audio.payloadType, rtpmap: audio.rtpmap, fmtp: audio.fmtp } } : {}),
    });
    this.reply(conn, req, 200, { 'Content-Base': `${this.urlFor(target.path)}/`, 'Content-Type': 'application/sdp' }, sdp);
  }

  /** A new session for `target`'s stream: holds the clip (and audio) until it ends. Null when the clip failed. */
  private async newSession(conn: Connection, req: RtspRequest, target: { path: string; profile: SimProfile }): Promise<Session | null> {
    let clip: Clip;
    let audio: AudioClip | null = null;
    let switcher: PtzClipSwitcher | null = null;
    try {
      if (this.ptz) {
        const ptz = this.ptz;
        switcher = await PtzClipSwitcher.start(this.clips, this.identity.index, target.profile, () => ptz.cell());
        clip = switcher.clip;
        ptz.warm?.(target.profile);
      } else clip = await this.clips.acquire(this.identity.index, target.profile);
      audio = (await this.clips.acquireAudio?.(this.identity.index)) ?? null;
    } catch (err) {
      if (switcher) switcher.close();
      this.log(`sim: ${this.identity.id} clip unavailable: ${(err as Error).message}`);
      this.reply(conn, req, 503);
      return null;
    }
    if (conn.socket.destroyed) {
      if (switcher) switcher.close();
      else this.clips.release(this.identity.index, target.profile);
      return null;
    }
    const session = new SimSession({
      id: randomBytes(8).toString('hex').toUpperCase(),
      profile: target.profile,
      path: target.path,
      clip,
      audioClip: audio,
      switcher,
      startFrame: this.phaseFrame(),
      isHeld: () => this.stalled,
      jumpPerLoopSec: this.profile.behaviour === 'ts-jump' ? TS_JUMP_SEC : 0,
      cname: `${this.identity.id}@${this.host}`,
      wallOf,
    }) as Session;
    session.paced = null;
    return session;
  }

  private async setup(conn: Connection, req: RtspRequest): Promise<void> {
    const target = resolveStreamUri(req.uri);
    if (!target) return this.reply(conn, req, 404);
    const kind = target.track === null ? 'video' : TRACK_IDS[target.track];
    if (!kind) return this.reply(conn, req, 404);
    if (req.headers.has('session') && !this.sessionFor(conn, req)) return this.reply(conn, req, 454);
    const transport = chooseTransport(req.headers.get('transport'), this.profile.transport);
    if (transport === 'unsupported') return this.reply(conn, req, 461);
    const clientHost = conn.socket.remoteAddress ?? '';
    if (transport.kind === 'udp' && !isLoopback(clientHost)) return this.reply(conn, req, 461);
    if (conn.session && conn.session.profile !== target.profile) return this.reply(conn, req, 459);

    let session = conn.session;
    if (!session) {
      session = await this.newSession(conn, req, target);
      if (!session) return;
      conn.session = session;
    }
    if (kind === 'audio' && !session.audioClip) return this.reply(conn, req, 404);
    const existing = kind === 'video' ? session.video : session.audio;
    if (existing?.media.isPlaying) return this.reply(conn, req, 455); // no transport change while playing
    let udp: UdpPair | null = null;
    if (transport.kind === 'udp') {
      try {
        udp = await bindUdpPair(this.host, () => {
          conn.lastActivityMs = now();
        });
      } catch (err) {
        this.log(`sim: ${this.identity.id} UDP bind failed: ${(err as Error).message}`);
        return this.reply(conn, req, 503);
      }
      if (conn.session !== session) {
        udp.close();
        return;
      }
    }
    const track = session.setTrack(kind, transport, conn.socket, udp, clientHost);
    const ssrc = track.media.ssrc.toString(16).toUpperCase().padStart(8, '0');
    const t = track.transport;
    const spec =
      t.kind === 'tcp'
        ? `RTP/AVP/TCP;unicast;interleaved=${t.rtp}-${t.rtcp};ssrc=${ssrc};mode="PLAY"`
        : `RTP/AVP;unicast;client_port=${t.clientRtp}-${t.clientRtcp};server_port=${udp?.serverRtp ?? 0}-${udp?.serverRtcp ?? 0};source=${this.host};ssrc=${ssrc};mode="PLAY"`;
    this.reply(conn, req, 200, { Transport: spec, Session: this.sessionHeader(session) });
  }

  private play(conn: Connection, req: RtspRequest): void {
    const s = this.sessionFor(conn, req);
    if (!s) return this.reply(conn, req, 454);
    if (s.tracks.length === 0) return this.reply(conn, req, 455);
    const t = now();
    const v = s.videoStream;
    const fresh = !s.playing && (v ? v.framesSent === 0 : true);
    const starts = s.play(t);
    if (fresh) this.lastPlayStartedAt = Date.now();
    this.reply(conn, req, 200, {
      Session: this.sessionHeader(s),
      Range: 'npt=0.000-',
      'RTP-Info': starts.map((x) => `url=${this.urlFor(s.path)}/${CONTROLS[x.kind]};seq=${x.seq};rtptime=${x.rtptime}`).join(','),
    });
    if (s.paced) return;
    const socket = conn.socket;
    const timeoutMs = SESSION_TIMEOUT_S * 1000 * 2;
    // The ticker calls this wrapper: it also expires sessions whose client went silent (no RTSP, no RTCP).
    const paced: PacedStream = {
      pump: (nowMs: number) => {
        const expired = !this.stalled && nowMs - conn.lastActivityMs > timeoutMs;
        if (conn.session !== s || !s.playing || socket.destroyed || expired) {
          this.ticker.remove(paced);
          if (s.paced === paced) s.paced = null;
          if (expired && !socket.destroyed) {
            this.log(`sim: ${this.identity.id} session ${s.id} timed out`);
            socket.destroy();
          }
          return;
        }
        s.pump(nowMs);
      },
    };
    s.paced = paced;
    this.ticker.add(paced);
    paced.pump(t); // the first (key)frame goes out right behind the response
  }

  private endSession(conn: Connection): void {
    const s = conn.session;
    if (!s) return;
    conn.session = null;
    s.close();
    if (s.paced) this.ticker.remove(s.paced);
    s.paced = null;
    for (const t of s.tracks) this.bytesSentClosed += t.media.bytesSent;
    const v = s.videoStream;
    if (v) {
      this.framesSentClosed += v.framesSent;
      this.framesSkippedClosed += v.framesSkipped;
    }
    if (s.switcher) s.switcher.close();
    else this.clips.release(this.identity.index, s.profile);
  }
}
