// The first playlist request on a cold camera: held until segment 0 is complete (a playlist of parts alone makes
// hls.js fail with levelEmptyError), kept alive as a viewer while held, 503 + Retry-After when nothing comes.
import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { HlsPackager } from '../packager/hls-packager';
import { splitFixture } from '../packager/testing/fmp4-fixtures';
import { systemClock } from '../platform/clock';
import type { StreamManager } from '../streams/stream-manager';
import { registerHlsRoutes } from './hls-routes';

const gop4 = splitFixture('gop4s-160x90.mp4');

function app(firstSegmentTimeoutMs = 10_000) {
  const packager = new HlsPackager();
  const pipeline = { packager, state: 'starting', isClosed: false, reason: null, touch: vi.fn() };
  const streams = { acquire: () => pipeline, find: () => pipeline } as unknown as StreamManager;
  const server = Fastify();
  server.decorateRequest('user', null);
  server.addHook('onRequest', async (req) => {
    req.user = { id: 'u1', username: 'op', displayName: 'op', role: 'county-operator', orgUnitId: null, sessionId: 's' } as never;
  });
  registerHlsRoutes(server, { streams, clock: systemClock, targetSegmentSec: 1, firstSegmentTimeoutMs });
  return { server, packager, pipeline };
}

describe('first playlist request on a cold camera', () => {
  it('is answered only once segment 0 is complete, touching its viewer while held', async () => {
    const { server, packager, pipeline } = app();
    for (const b of [gop4.init, ...gop4.fragments.slice(0, 20)]) packager.push(b); // 4 s of parts, no segment yet
    let answered = false;
    const reply = server.inject({ url: '/hls/cam-1/sub/index.m3u8?token=t' }).then((r) => ((answered = true), r));
    await vi.waitFor(() => expect(pipeline.touch).toHaveBeenCalled(), { timeout: 3000 }); // held past one 0.5 s wait
    expect(answered).toBe(false);
    packager.push(gop4.fragments[20] as Buffer); // the second keyframe closes segment 0
    const res = await reply;
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('#EXTINF:4.000,');
    expect(res.body).toContain('#EXT-X-TARGETDURATION:4\n');
  });

  it('answers 503 with Retry-After when no segment completes in time', async () => {
    const { server, packager } = app(600);
    for (const b of [gop4.init, ...gop4.fragments.slice(0, 5)]) packager.push(b);
    const res = await server.inject({ url: '/hls/cam-1/sub/index.m3u8?token=t' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
  });
});
