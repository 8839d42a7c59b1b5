import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtmpIngestServer, type RtmpDenial } from './rtmp-ingest-server';
import { generateStreamKey, hashStreamKey } from './rtmp-names';

const require = createRequire(import.meta.url);
const amf = require('node-media-server/src/protocol/amf.js') as { encodeAmf0Cmd(opt: Record<string, unknown>): Buffer };
const nmsBroadcasts = (require('node-media-server/src/core/context.js') as { broadcasts: Map<string, unknown> }).broadcasts;

const CAM = 'cam-0001';
const KEY = generateStreamKey();

/** One RTMP command as a single type-0 chunk on chunk stream 3 (payloads here stay under the 128-byte chunk size). */
function command(opt: Record<string, unknown>, streamId = 0): Buffer {
  const payload = amf.encodeAmf0Cmd(opt);
  if (payload.length > 128) throw new Error('test command too long for one chunk');
  const header = Buffer.alloc(12);
  header[0] = 0x03; // fmt 0, csid 3
  header.writeUIntBE(0, 1, 3);
  header.writeUIntBE(payload.length, 4, 3);
  header[7] = 20; // AMF0 command
  header.writeUInt32LE(streamId, 8);
  return Buffer.concat([header, payload]);
}

const handshake = () => Buffer.concat([Buffer.from([3]), Buffer.alloc(1536), Buffer.alloc(1536)]);

/** Sends the chunks and resolves when the server closes the connection (or after `waitMs`, with 'open'). */
function exchange(port: number, chunks: Buffer[], waitMs = 3000): Promise<'closed' | 'open'> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('data', () => {});
    const t = setTimeout(() => {
      socket.destroy();
      resolve('open');
    }, waitMs);
    socket.on('close', () => {
      clearTimeout(t);
      resolve('closed');
    });
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
    });
  });
}

describe('RtmpIngestServer (raw RTMP clients)', () => {
  let server: RtmpIngestServer;
  let port: number;
  const denials: RtmpDenial[] = [];
  const published: string[] = [];

  beforeAll(async () => {
    server = new RtmpIngestServer({
      host: '127.0.0.1',
      port: 0,
      maxConnections: 50,
      log: pino({ level: 'silent' }),
      lookup: (id) => (id === CAM ? { sourceType: 'rtmp-push', rtmpKeyHash: hashStreamKey(KEY) } : null),
      onPublishStart: (id) => published.push(id),
      onPublishEnd: () => {},
      onDenied: (d) => denials.push(d),
      authTimeoutMs: 1500,
    });
    port = await server.start();
  });
  afterAll(async () => {
    await server.close();
  });

  const connectCmd = (app: unknown, tcUrl: unknown) => command({ cmd: 'connect', transId: 1, cmdObj: { app, tcUrl } });
  const publishCmd = (name: string) => command({ cmd: 'publish', transId: 0, cmdObj: null, streamName: name, type: 'live' }, 1);

  it('drops garbage, a junk tcUrl (which would throw inside node-media-server) and oversized pre-auth data, and keeps running', async () => {
    expect(await exchange(port, [Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), Buffer.alloc(70_000, 0x41)])).toBe('closed');
    expect(await exchange(port, [handshake(), connectCmd('live', 'not a url at all')])).toBe('closed');
    expect(await exchange(port, [handshake(), Buffer.alloc(100_000, 0x07)])).toBe('closed');
    expect(denials.filter((d) => d.reason === 'protocol').length).toBeGreaterThanOrEqual(2);
  });

  it('drops a client declaring huge messages or many chunk streams before it is accepted (no 16 MB buffers for strangers)', async () => {
    denials.length = 0;
    const started = Date.now();
    const hugeHeader = Buffer.from([0x03, 0, 0, 0, 0xff, 0xff, 0xff, 20, 0, 0, 0, 0, 0x02]); // type-0 header of a 16 MB AMF command, first byte
    expect(await exchange(port, [handshake(), hugeHeader])).toBe('closed');
    // 64 + n chunk stream ids (2-byte basic header), each a tiny message
    const manyStreams = Buffer.concat(Array.from({ length: 40 }, (_, n) => Buffer.from([0x00, n, 0, 0, 0, 0, 0, 1, 20, 0, 0, 0, 0, 0x05])));
    expect(await exchange(port, [handshake(), manyStreams])).toBe('closed');
    const zeroChunk = Buffer.from([0x02, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0]); // set chunk size 0
    expect(await exchange(port, [handshake(), zeroChunk])).toBe('closed');
    expect(denials.map((d) => d.reason)).toEqual(['protocol', 'protocol', 'protocol']);
    expect(Date.now() - started).toBeLessThan(1400); // at once, not by the 1.5 s authentication timeout
  });

  it('refuses another app at connect time', async () => {
    denials.length = 0;
    expect(await exchange(port, [handshake(), connectCmd('admin', 'rtmp://127.0.0.1/admin')])).toBe('closed');
    expect(denials).toEqual([expect.objectContaining({ kind: 'connect', reason: 'bad-app' })]);
  });

  it.each([
    ['../x', 'traversal'],
    ['%2e%2e', 'encoded'],
    [`${CAM}?key=${generateStreamKey()}`, 'wrong-key'],
    [`nope?key=${KEY}`, 'unknown-camera'],
  ])('refuses publish %s before node-media-server registers anything', async (name, reason) => {
    denials.length = 0;
    const before = [...nmsBroadcasts.keys()];
    expect(await exchange(port, [handshake(), connectCmd('live', 'rtmp://127.0.0.1/live'), publishCmd(name)])).toBe('closed');
    expect(denials).toEqual([expect.objectContaining({ kind: 'publish', reason })]);
    expect([...nmsBroadcasts.keys()]).toEqual(before);
    expect(published).toEqual([]);
  });

  it('refuses play on the public port, whatever the token', async () => {
    denials.length = 0;
    const play = command({ cmd: 'play', transId: 0, cmdObj: null, streamName: `${CAM}?key=${server.tokens.token(CAM)}` }, 1);
    expect(await exchange(port, [handshake(), connectCmd('live', 'rtmp://127.0.0.1/live'), play])).toBe('closed');
    expect(denials).toEqual([expect.objectContaining({ kind: 'play', reason: 'play-forbidden' })]);
  });

  it('drops a client that never publishes', async () => {
    denials.length = 0;
    expect(await exchange(port, [handshake(), connectCmd('live', 'rtmp://127.0.0.1/live')], 4000)).toBe('closed');
    expect(denials).toEqual([expect.objectContaining({ reason: 'protocol' })]);
  });

  it('accepts the right key', async () => {
    const result = exchange(port, [handshake(), connectCmd('live', 'rtmp://127.0.0.1/live'), publishCmd(`${CAM}?key=${KEY}`)], 500);
    expect(await result).toBe('open');
    expect(published).toEqual([CAM]);
  });
});
