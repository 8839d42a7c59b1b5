import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/**
 * The parts of node-media-server 4.4.3 we use, typed. We take only its RTMP protocol session and broadcast
 * fan-out (src/session/rtmp_session.js, src/server/broadcast_server.js): its `NodeMediaServer` class would also open
 * a JSON store in ./data, start HTTP-FLV, recording, relay, notify and history servers and call process.exit() when
 * a port is taken, none of which may happen inside the gateway. The listening socket is ours (rtmp-ingest-server.ts).
 */
const require = createRequire(import.meta.url);

/** An RTMP command as NMS's AMF decoder gives it (`connect`, `publish`, `play`). */
export interface AmfInvoke {
  cmd?: unknown;
  transId?: unknown;
  cmdObj?: { app?: unknown; tcUrl?: unknown } | null;
  streamName?: unknown;
}

/** NMS's RTMP protocol state machine (src/protocol/rtmp.js): commands are methods, results go to the callbacks. */
export interface NmsRtmp {
  streamApp?: string;
  /** The message being read: its header (declared length, type) and payload. */
  parserPacket: { header: { length: number; type: number }; payload: Buffer; capacity: number };
  /** One packet buffer per chunk stream id seen. */
  inPackets: Map<number, unknown>;
  /** Allocates the payload buffer for a message of the declared length (up to 16 MB, before any check). */
  packetAlloc(): void;
  /** Protocol control messages (set chunk size, window size, …). */
  controlHandler(): void;
  onConnect(msg: AmfInvoke): void;
  onPublish(msg: AmfInvoke): void;
  onPlay(msg: AmfInvoke): void;
  onConnectCallback: (req: unknown) => void;
  onPlayCallback: () => void;
  onPushCallback: () => void;
  onPacketCallback: (packet: unknown) => void;
  onOutputCallback: (buffer: Buffer) => void;
}

/** NMS's RTMP session (src/session/rtmp_session.js). We wire its handlers to the socket ourselves. */
export interface NmsRtmpSession {
  readonly id: string;
  readonly socket: Socket;
  readonly rtmp: NmsRtmp;
  isPublisher: boolean;
  streamPath: string;
  onConnect: (req: unknown) => void;
  onPlay: () => void;
  onPush: () => void;
  onOutput: (buffer: Buffer) => void;
  onPacket: (packet: unknown) => void;
  onData: (data: Buffer) => void;
  onClose: () => void;
}

interface NmsContext {
  config: Record<string, unknown>;
  sessions: Map<string, unknown>;
  eventEmitter: EventEmitter;
}

interface NmsLogger {
  level: string;
  log(message: string, logLevel?: string): void;
}

export const RtmpSession = require('node-media-server/src/session/rtmp_session.js') as new (socket: Socket) => NmsRtmpSession;

/**
 * Every NMS RTMP session builds an FLV parser it never uses (src/protocol/rtmp.js, `this.flv = new Flv()`), and
 * that parser's constructor allocates a 1 MB tag buffer up front: 1000 idle TCP connections cost a gigabyte, which
 * the allocator did not give back after they closed. The parser grows its buffer on demand (`parserTagAlloc`), so
 * starting from zero capacity is correct: the constructor's `this.parserTagCapacity = 1 MB` lands on this setter,
 * which records 0 instead, and `Buffer.alloc(this.parserTagCapacity)` then allocates nothing.
 */
const Flv = require('node-media-server/src/protocol/flv.js') as { prototype: object };
if (!Object.getOwnPropertyDescriptor(Flv.prototype, 'parserTagCapacity')) {
  Object.defineProperty(Flv.prototype, 'parserTagCapacity', {
    configurable: true,
    get: () => 0,
    set(this: object) {
      Object.defineProperty(this, 'parserTagCapacity', { value: 0, writable: true, enumerable: true, configurable: true });
    },
  });
}
export const nmsContext = require('node-media-server/src/core/context.js') as NmsContext;
export const nmsLogger = require('node-media-server/src/core/logger.js') as NmsLogger;
