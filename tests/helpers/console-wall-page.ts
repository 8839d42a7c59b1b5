// Opening the built console on a given wall without clicking through the UI: the session cookie and the working layout
// (localStorage, the format of renderer/src/features/wall/layout-storage.ts) are in place before the app loads. Every
// tile's data-state changes are logged from the first render, so a test can assert what a tile showed on the way.
import type { Browser, Page } from 'playwright-core';
import { presetCells } from '../../contracts/src/layout';

export interface WallPageOptions {
  url: string;
  sessionToken: string;
  /** Square grid size (1, 2, 3, 4 → 1, 4, 9, 16 cells) and the camera per cell. */
  grid: number;
  cameraIds: readonly (string | null)[];
  viewport?: { width: number; height: number };
}

// A string, not a function: this file is compiled without DOM types.
const STATE_LOG = `
  window.__tileStates = {};
  const record = (el) => {
    const id = el.getAttribute('data-testid');
    const state = el.getAttribute('data-state');
    const log = (window.__tileStates[id] ??= []);
    if (state && log[log.length - 1] !== state) log.push(state);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.matches?.('[data-testid^="tile-"]')) record(r.target);
      for (const n of r.addedNodes ?? []) if (n.nodeType === 1) n.querySelectorAll?.('[data-testid^="tile-"][data-state]').forEach(record);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
`;

export async function openWall(browser: Browser, o: WallPageOptions): Promise<Page> {
  const context = await browser.newContext({ viewport: o.viewport ?? { width: 1600, height: 900 } });
  await context.addCookies([{ name: 'cvg_session', value: o.sessionToken, url: o.url }]);
  const stored = { cols: o.grid, rows: o.grid, cells: presetCells(o.grid).map(({ x, y, w, h }) => ({ x, y, w, h })), tiles: o.cameraIds, doc: null };
  await context.addInitScript(`localStorage.setItem('cvc.wall.layout.v2', ${JSON.stringify(JSON.stringify(stored))}); ${STATE_LOG}`);
  const page = await context.newPage();
  await page.goto(o.url);
  await page.waitForSelector(`[data-testid="wall"][data-grid="${o.grid * o.grid}"]`);
  return page;
}

/** Every state each tile has shown, in order, since the page loaded. */
export function tileStateLog(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate('window.__tileStates') as Promise<Record<string, string[]>>;
}
