import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const hlsJs = readFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'), 'utf8');

/** A minimal page on the gateway's origin: one <video> driven by hls.js, as the console's tiles will be. */
export async function playerPage(browser: Browser, origin: string, url: string): Promise<Page> {
  // The harness page is written into an API origin response, whose CSP (rightly) forbids scripts: bypass it for
  // this test-only page; the console's own pages are tested under their real CSP elsewhere.
  const context = await browser.newContext({ viewport: { width: 800, height: 500 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${origin}/api/v1/health`);
  await page.setContent('<html><body style="margin:0;background:#000"><video id="v" muted autoplay playsinline style="width:640px;height:360px"></video></body></html>');
  await page.addScriptTag({ content: hlsJs });
  await page.evaluate((src) => {
    const w = window as unknown as { Hls: new (cfg: object) => { loadSource(u: string): void; attachMedia(v: HTMLVideoElement): void } };
    const hls = new w.Hls({ lowLatencyMode: true, liveSyncDuration: 1, maxBufferLength: 4, backBufferLength: 10, enableWorker: false });
    const video = document.getElementById('v') as HTMLVideoElement;
    hls.loadSource(src);
    hls.attachMedia(video);
    void video.play().catch(() => undefined);
  }, url);
  return page;
}
