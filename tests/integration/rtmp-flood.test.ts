import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until } from '../helpers/media-probe';
import { rtmpFlood, type Flood } from '../helpers/rtmp-flood';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
};
const loopbacks = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}.${i + 1}`);

describe('RTMP flood: unauthenticated connections are capped, timed out and leave nothing behind', () => {
  let h: Harness;
  let port: number;
  const floods: Flood[] = [];

  beforeAll(async () => {
    h = await startHarness({
      cameras: 1,
      prewarm: false,
      rtmp: { enabled: true, port: 0, maxUnauthenticated: 40, maxUnauthenticatedPerAddress: 10, authTimeoutSec: 3 },
    });
    port = h.gw.rtmp!.port;
  });
  afterEach(async () => {
    for (const f of floods.splice(0)) await f.destroy();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('closes connections above the per-address and the total cap at once, and idle ones after the auth timeout', async () => {
    const t0 = Date.now();
    const one = await rtmpFlood({ port, count: 30, mode: 'nothing', sources: ['127.0.0.2'] });
    floods.push(one);
    await until(async () => one.closedByServer() >= 20, 2000, 'the per-address surplus to be closed');
    expect(one.open()).toBe(10);

    const many = await rtmpFlood({ port, count: 60, mode: 'partial-handshake', sources: loopbacks('127.0.1', 30) });
    floods.push(many);
    await until(async () => many.closedByServer() >= 30, 2000, 'the total surplus to be closed');
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(many.open()).toBe(30);
    expect(h.gw.rtmp!.stats()).toMatchObject({ pending: 40, refusedAtCap: 50 });
    // 50 refusals, one warning: a flood must not become a log flood.
    expect(h.logs.lines.filter((l) => l.includes('closing the surplus'))).toHaveLength(1);

    // Nobody published: every held connection goes when its 3 s are up, not before.
    await until(async () => one.open() + many.open() === 0, 6000, 'idle connections to time out');
    const held = [...one.clients, ...many.clients].filter((c) => c.closedAt! - c.connectedAt! > 1000);
    expect(held).toHaveLength(40);
    for (const c of held) expect(c.closedAt! - c.connectedAt!).toBeGreaterThanOrEqual(2900);
    await until(async () => h.gw.rtmp!.stats().connections === 0, 2000, 'the server to forget the sockets');
    expect(h.gw.rtmp!.stats().pending).toBe(0);

    // The slots are free again.
    const again = await rtmpFlood({ port, count: 5, mode: 'nothing', sources: ['127.0.0.2'] });
    floods.push(again);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.open()).toBe(5);
  });

  it('an unauthenticated session costs no megabyte buffer, and memory returns to its baseline after the flood', async () => {
    await settle();
    const before = process.memoryUsage();
    const flood = await rtmpFlood({ port, count: 200, mode: 'c0c1', sources: loopbacks('127.0.2', 20) });
    floods.push(flood);
    await until(async () => h.gw.rtmp!.stats().pending === 40, 2000, 'the flood to be admitted up to the cap');
    await new Promise((r) => setTimeout(r, 300));
    await settle();
    const peak = process.memoryUsage();
    // node-media-server's unused FLV parser used to take 1 MB per session (40 MB here).
    expect(peak.arrayBuffers - before.arrayBuffers).toBeLessThan(8 * 1024 * 1024);

    await flood.destroy();
    await until(async () => h.gw.rtmp!.stats().connections === 0, 2000, 'the server to drop the closed sessions');
    expect(h.gw.rtmp!.stats().pending).toBe(0);
    await settle();
    const after = process.memoryUsage();
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(2 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 1024 * 1024);
  });
});
