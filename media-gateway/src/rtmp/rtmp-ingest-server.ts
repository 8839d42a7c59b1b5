import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '../platform/logger';
import { RtmpAdmission } from './rtmp-admission';
import { nmsContext, nmsLogger, RtmpSession, type AmfInvoke, type NmsRtmpSession } from './nms-adapter';
import { authorizePlay, authorizePublish, checkApp, InternalPlayTokens, RTMP_APP, type PushCameraLookup, type RtmpRejectReason } from './rtmp-names';

export interface RtmpDenial {
  kind: 'connect' | 'publish' | 'play';
  reason: RtmpRejectReason;
  /** The camera id the client named, when it was well-formed. */
  cameraId?: string;
  ip: string;
}

export interface RtmpIngestOptions {
  /** Publishers connect here (cameras, usually from behind NAT). */
  host: string;
  port: number;
  maxConnections: number;
  /** Unauthenticated connections on the public listener, in all and per client address; the surplus is closed at once. */
  maxPending?: number;
  maxPendingPerAddress?: number;
  log: Logger;
  lookup: PushCameraLookup;
  onPublishStart(cameraId: string): void;
  onPublishEnd(cameraId: string): void;
  onDenied?(denial: RtmpDenial): void;
  /** A client must have published (or played) within this time, else it is dropped. */
  authTimeoutMs?: number;
  /** Silence on an accepted connection for this long drops it. */
  idleTimeoutMs?: number;
}

/** Bytes a client may send before it is accepted: handshake + connect + createStream + publish are ~5 KB. */
const PRE_AUTH_MAX_BYTES = 64 * 1024;
/**
 * node-media-server allocates a buffer of a message's declared length (up to 16 MB) per chunk stream as soon as the
 * header arrives: without limits a few KB of headers would ask for gigabytes. Commands are small; video frames of an
 * accepted publisher may be large; real clients use a handful of chunk streams.
 */
const PRE_AUTH_MAX_MESSAGE = 16 * 1024;
const MAX_MESSAGE = 8 * 1024 * 1024;
const PRE_AUTH_MAX_CHUNK_STREAMS = 8;
const MAX_CHUNK_STREAMS = 16;
const RTMP_TYPE_SET_CHUNK_SIZE = 1;
const CAP_WARN_WINDOW_MS = 10_000;

type Role = 'publish' | 'play';

/**
 * The in-process RTMP server for push cameras, built on node-media-server's RTMP session (see nms-adapter.ts).
 *
 * Two listeners: the public one (`rtmp.host`:`rtmp.port`) accepts only `publish`; an internal one on 127.0.0.1 (any
 * free port) accepts only `play` with an internal token, for the gateway's own ffmpeg, which feeds the pushed
 * stream into the same packager as a pulled camera. Every `connect`/`publish`/`play` command is checked (rtmp-names.ts)
 * BEFORE node-media-server handles it, so a refused client never gets a broadcast, a reply or a byte of media through;
 * media packets are forwarded only from an accepted publisher. Nothing is written to disk.
 */
export class RtmpIngestServer {
  readonly tokens = new InternalPlayTokens();
  private readonly publicServer: Server;
  private readonly internalServer: Server;
  private readonly sockets = new Set<Socket>();
  private readonly admission: RtmpAdmission;
  private refusedAtCap = 0;
  private capWarnedAt = -Infinity;
  private readonly publishers = new Map<string, NmsRtmpSession>();
  /** In-process readers of a publisher's tags (the gateway's own ingest), and its latest sequence headers for them. */
  private readonly subscribers = new Map<string, Set<TagSubscriber>>();
  private readonly sequenceHeaders = new Map<string, Map<number, { ms: number; data: Buffer }>>();
  private readonly owned = new WeakSet<object>();
  private readonly accepted = new WeakSet<object>();
  private publicPort = 0;
  private internalPort = 0;
  private readonly backstop = (session: unknown) => {
    // node-media-server's own prePublish/prePlay hooks: every session of ours got here through the checks above;
    // anything else on our sockets is cut off before node-media-server goes on.
    if (session && this.owned.has(session as object) && !this.accepted.has(session as object)) (session as NmsRtmpSession).socket.destroy();
  };

  constructor(private readonly opts: RtmpIngestOptions) {
    this.publicServer = createServer((socket) => this.handle(socket, 'publish'));
    this.internalServer = createServer((socket) => this.handle(socket, 'play'));
    this.publicServer.maxConnections = opts.maxConnections;
    this.internalServer.maxConnections = opts.maxConnections;
    this.admission = new RtmpAdmission({ maxPending: opts.maxPending ?? 256, maxPendingPerAddress: opts.maxPendingPerAddress ?? 16 });
  }

  /** Open connections (both listeners), those still unauthenticated on the public one, and those closed at a cap. */
  stats(): { connections: number; pending: number; refusedAtCap: number } {
    return { connections: this.sockets.size, pending: this.admission.pending, refusedAtCap: this.refusedAtCap };
  }

  /** Listens on both sockets; resolves with the public port. */
  async start(): Promise<number> {
    // NMS logs to console.log by default: route it to our logger (it never sees a key: the query is not in its messages).
    nmsLogger.log = (message: string, level = 'info') => this.opts.log.debug({ nms: level }, `rtmp: ${message}`);
    nmsContext.eventEmitter.on('prePublish', this.backstop);
    nmsContext.eventEmitter.on('prePlay', this.backstop);
    this.publicPort = await listen(this.publicServer, this.opts.host, this.opts.port);
    this.internalPort = await listen(this.internalServer, '127.0.0.1', 0);
    this.opts.log.info({ host: this.opts.host, port: this.publicPort }, 'RTMP push ingest listening');
    return this.publicPort;
  }

  get port(): number {
    return this.publicPort;
  }

  isPublishing(cameraId: string): boolean {
    return this.publishers.has(cameraId);
  }

  /**
   * The publisher's FLV tags, in-process (no loopback pull): its current sequence headers at once, then every tag.
   * null when the camera is not publishing. Tag bodies are copies (the RTMP reader reuses its buffers).
   */
  subscribe(cameraId: string, onTag: TagSubscriber['onTag'], onEnd: () => void): (() => void) | null {
    if (!this.publishers.has(cameraId)) return null;
    const sub: TagSubscriber = { onTag, onEnd };
    let set = this.subscribers.get(cameraId);
    if (!set) this.subscribers.set(cameraId, (set = new Set()));
    set.add(sub);
    for (const [type, h] of this.sequenceHeaders.get(cameraId) ?? []) onTag(type, h.ms, h.data);
    return () => void this.subscribers.get(cameraId)?.delete(sub);
  }

  private publishedTag(cameraId: string, packet: NmsAvPacket): void {
    const subs = this.subscribers.get(cameraId);
    // flags 0: AAC sequence header, 2: video sequence header (node-media-server's Flv.parserTag).
    const header = (packet.codec_type === 8 && packet.flags === 0) || (packet.codec_type === 9 && packet.flags === 2);
    if (!header && !subs?.size) return;
    const data = Buffer.from(packet.data.subarray(0, packet.size));
    if (header) {
      let map = this.sequenceHeaders.get(cameraId);
      if (!map) this.sequenceHeaders.set(cameraId, (map = new Map()));
      map.set(packet.codec_type, { ms: packet.dts, data });
    }
    for (const sub of subs ?? []) sub.onTag(packet.codec_type, packet.dts, data);
  }

  private publisherGone(cameraId: string): void {
    const subs = this.subscribers.get(cameraId);
    this.subscribers.delete(cameraId);
    this.sequenceHeaders.delete(cameraId);
    for (const sub of subs ?? []) sub.onEnd();
  }

  /** The URL the gateway's ffmpeg pulls a pushed camera from, and the token in it (a secret for the logs). */
  internalPullUrl(cameraId: string): { url: string; token: string } {
    const token = this.tokens.token(cameraId);
    return { url: `rtmp://127.0.0.1:${this.internalPort}/${RTMP_APP}/${cameraId}?key=${token}`, token };
  }

  /** Drops the camera's publisher (key rotated, camera deleted or changed). */
  kick(cameraId: string): void {
    this.publishers.get(cameraId)?.socket.destroy();
  }

  async close(): Promise<void> {
    nmsContext.eventEmitter.off('prePublish', this.backstop);
    nmsContext.eventEmitter.off('prePlay', this.backstop);
    const closing = [this.publicServer, this.internalServer].map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve())));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(closing);
  }

  private handle(socket: Socket, role: Role): void {
    const ip = socket.remoteAddress ?? '';
    // The internal listener is loopback-only and token-gated: its own ffmpeg pulls must never wait on a cap.
    const gated = role === 'publish';
    if (gated && !this.admission.admit(ip)) {
      this.refusedAtCap++;
      // A flood would otherwise write a line per connection: one warning per window, with the running total.
      if (Date.now() - this.capWarnedAt >= CAP_WARN_WINDOW_MS) {
        this.capWarnedAt = Date.now();
        this.opts.log.warn({ ip, pending: this.admission.pending, refusedAtCap: this.refusedAtCap }, 'RTMP: too many connections not yet publishing, closing the surplus');
      }
      socket.on('error', () => {});
      socket.destroy();
      return;
    }
    let pendingSlot = gated;
    const releaseSlot = () => {
      if (pendingSlot) this.admission.release(ip);
      pendingSlot = false;
    };
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const session = new RtmpSession(socket);
    this.owned.add(session);
    const rtmp = session.rtmp;
    let state: 'new' | 'connected' | 'accepted' | 'rejected' = 'new';
    let cameraId: string | null = null;
    let preAuthBytes = 0;

    const reject = (kind: RtmpDenial['kind'], reason: RtmpRejectReason, named?: string) => {
      if (state === 'rejected') return;
      state = 'rejected';
      socket.destroy();
      this.opts.onDenied?.({ kind, reason, ip, ...(named ? { cameraId: named } : {}) });
    };
    const authTimer = setTimeout(() => {
      if (state !== 'accepted') reject('connect', 'protocol');
    }, this.opts.authTimeoutMs ?? 10_000);
    authTimer.unref();
    socket.setTimeout(this.opts.idleTimeoutMs ?? 15_000, () => socket.destroy());

    // connect: the app must be `live`; NMS's own handler parses tcUrl with new URL(), which throws on junk.
    const nmsConnect = rtmp.onConnect.bind(rtmp);
    rtmp.onConnect = (msg: AmfInvoke) => {
      if (state !== 'new') return reject('connect', 'protocol');
      const problem = checkApp(msg?.cmdObj?.app);
      if (problem) return reject('connect', problem);
      nmsConnect(msg);
      state = 'connected';
    };
    const nmsPublish = rtmp.onPublish.bind(rtmp);
    rtmp.onPublish = (msg: AmfInvoke) => {
      if (role !== 'publish') return reject('publish', 'publish-forbidden');
      if (state !== 'connected') return reject('publish', 'protocol');
      const decision = authorizePublish(rtmp.streamApp, msg?.streamName, this.opts.lookup);
      if (!decision.ok) return reject('publish', decision.reason, decision.cameraId);
      if (this.publishers.has(decision.cameraId)) return reject('publish', 'busy', decision.cameraId);
      state = 'accepted';
      this.accepted.add(session);
      releaseSlot();
      nmsPublish(msg);
      // NMS may still refuse (a publisher of the same path within its resume window): then this one goes.
      if (!session.isPublisher) return reject('publish', 'busy', decision.cameraId);
      cameraId = decision.cameraId;
      clearTimeout(authTimer);
      this.publishers.set(cameraId, session);
      this.opts.log.info({ cameraId, ip }, 'RTMP publisher connected');
      this.opts.onPublishStart(cameraId);
    };
    const nmsPlay = rtmp.onPlay.bind(rtmp);
    rtmp.onPlay = (msg: AmfInvoke) => {
      if (role !== 'play') return reject('play', 'play-forbidden');
      if (state !== 'connected') return reject('play', 'protocol');
      const decision = authorizePlay(rtmp.streamApp, msg?.streamName, ip, this.tokens, this.opts.lookup);
      if (!decision.ok) return reject('play', decision.reason, decision.cameraId);
      state = 'accepted';
      this.accepted.add(session);
      releaseSlot();
      clearTimeout(authTimer);
      nmsPlay(msg);
    };

    // Limits node-media-server does not have (see above); a violation throws, and the data handler drops the client.
    const nmsAlloc = rtmp.packetAlloc.bind(rtmp);
    rtmp.packetAlloc = () => {
      const accepted = state === 'accepted';
      if (rtmp.parserPacket.header.length > (accepted ? MAX_MESSAGE : PRE_AUTH_MAX_MESSAGE)) throw new Error('rtmp message too large');
      if (rtmp.inPackets.size > (accepted ? MAX_CHUNK_STREAMS : PRE_AUTH_MAX_CHUNK_STREAMS)) throw new Error('too many rtmp chunk streams');
      nmsAlloc();
    };
    const nmsControl = rtmp.controlHandler.bind(rtmp);
    rtmp.controlHandler = () => {
      const p = rtmp.parserPacket;
      if (p.header.type === RTMP_TYPE_SET_CHUNK_SIZE) {
        const size = p.header.length >= 4 ? p.payload.readUInt32BE(0) : 0;
        if (size < 1 || size > 0xffffff) throw new Error('bad rtmp chunk size');
      }
      nmsControl();
    };

    rtmp.onConnectCallback = session.onConnect;
    rtmp.onPlayCallback = session.onPlay;
    rtmp.onPushCallback = session.onPush;
    rtmp.onOutputCallback = (buffer: Buffer) => {
      if (!socket.destroyed) session.onOutput(buffer);
    };
    // Media only from the accepted publisher; anything else (a refused or duplicate publisher) is dropped.
    rtmp.onPacketCallback = (packet: unknown) => {
      if (state !== 'accepted' || !session.isPublisher) return;
      session.onPacket(packet);
      if (cameraId) this.publishedTag(cameraId, packet as NmsAvPacket);
    };

    socket.on('data', (data: Buffer) => {
      if (state === 'rejected') return;
      if (state !== 'accepted') {
        preAuthBytes += data.length;
        if (preAuthBytes > PRE_AUTH_MAX_BYTES) return reject('connect', 'protocol');
      }
      try {
        session.onData(data);
      } catch (err) {
        this.opts.log.debug({ ip, err: (err as Error).message }, 'rtmp: malformed data, connection dropped');
        reject('connect', 'protocol');
      }
    });
    socket.on('error', () => {
      // 'close' follows
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      releaseSlot();
      this.sockets.delete(socket);
      try {
        session.onClose();
      } catch {
        // the session never got far enough to have anything to tidy up
      }
      if (cameraId && this.publishers.get(cameraId) === session) {
        this.publishers.delete(cameraId);
        this.publisherGone(cameraId);
        this.opts.log.info({ cameraId, ip }, 'RTMP publisher disconnected');
        this.opts.onPublishEnd(cameraId);
      }
      // A publisher's half-read messages may hold up to MAX_CHUNK_STREAMS × MAX_MESSAGE; NMS keeps the session
      // reachable from its broadcast for a resume window, so drop the buffers now rather than with the session.
      rtmp.inPackets.clear();
      rtmp.parserPacket.payload = Buffer.alloc(0);
      rtmp.parserPacket.capacity = 0;
    });
  }
}

interface TagSubscriber {
  onTag(type: number, timestampMs: number, data: Buffer): void;
  onEnd(): void;
}

/** node-media-server's AVPacket (src/core/avpacket.js): one RTMP audio/video message as an FLV tag body. */
interface NmsAvPacket {
  codec_type: number;
  flags: number;
  dts: number;
  size: number;
  data: Buffer;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
