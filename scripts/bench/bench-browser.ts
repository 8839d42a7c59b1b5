// What the Chromium benchmarks share (ttff-bench.ts, g2g-bench.ts): simulator cameras per GOP registered with the
// gateway, a second viewer that keeps a pipeline warm, and the page script (g2g-page/page.ts) in a fresh context.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { startFleet, type Fleet } from '../sim/index';
import type { GatewayProcess } from './gateway-process';
import { cameraRegistration } from './fleet-cameras';

export interface BenchCamera {
  gopSec: number;
  /** The gateway's camera id (TTFF "first" registers the camera again: a new id). */
  id: string;
  /** The simulator camera's 1-based index (fleet.cameraStats). */
  simIndex: number;
  /** The body it was registered with (registered again under another name for a camera the gateway never played). */
  registration: Record<string, unknown>;
}

/** One simulated camera per GOP (H.264, sub and main stream), registered with the gateway. */
export async function registerGopCameras(gw: GatewayProcess, gops: number[]): Promise<{ cameras: BenchCamera[]; fleet: Fleet; close(): Promise<void> }> {
  const profiles = Object.fromEntries(gops.map((g, i) => [i + 1, { gopSec: g as 1 | 2 | 4 }]));
  const fleet = await startFleet({ cameras: gops.length, port: 0, controlPort: null, prewarm: true, profiles });
  await fleet.prewarmDone;
  const cameras: BenchCamera[] = [];
  for (const [i, cam] of fleet.cameras.entries()) {
    const registration = cameraRegistration(cam, `ttff gop ${gops[i]}`);
    const c = await gw.api<{ id: string }>('POST', '/api/v1/cameras', registration);
    cameras.push({ gopSec: gops[i]!, id: c.id, simIndex: cam.index, registration });
  }
  return { cameras, fleet, close: () => fleet.close() };
}

/** Keeps a pipeline warm the way a second viewer would: a playlist request every second. */
export function keepWarm(url: string): () => void {
  let stop = false;
  void (async () => {
    while (!stop) {
      await fetch(url).then((r) => r.arrayBuffer()).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return () => (stop = true);
}

export const liveUrlOf = (gw: GatewayProcess, cameraId: string, profile: string) =>
  gw.api<{ url: string; expiresAt: string }>('GET', `/api/v1/cameras/${cameraId}/live?profile=${profile}`);


/** The benchmark page (g2g-page/page.ts) as one script: `G2G.runG2g(…)`, `G2G.firstFrame(…)`. */
export async function pageBundle(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./g2g-page/page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'G2G',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

/**
 * A fresh context on the gateway's origin with the page script. The console player asks the gateway for `cameraId`'s
 * live URL itself, same-origin, as the console does (`window.g2gLive`).
 */
export async function openPage(browser: Browser, gw: GatewayProcess, cameraId: string, bundle: string): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.addInitScript(`window.g2gLive = ${JSON.stringify({ cameraId, token: gw.token })};`);
  await page.goto(`${gw.url}/api/v1/health`);
  await page.addScriptTag({ content: bundle });
  return page;
}
