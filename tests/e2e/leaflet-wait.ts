import type { Page } from 'playwright-core';

/**
 * Waits until a map element can be pointed at: Leaflet is not zooming, the marker cluster is not folding or
 * unfolding, the element is fully faded in, and its box has not moved for three animation frames. A click or drag
 * aimed at a box read mid-animation lands beside the marker and pans the map instead.
 */
export async function waitForSettled(page: Page, selector: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const w = window as unknown as { __settled?: { sel: string; key: string; frames: number } };
      const el = document.querySelector(sel);
      if (!el || document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')) {
        w.__settled = undefined;
        return false;
      }
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).opacity !== '1') return false;
      const key = `${sel}@${r.x},${r.y}`;
      if (w.__settled?.key === key) w.__settled.frames++;
      else w.__settled = { sel, key, frames: 0 };
      return w.__settled.frames >= 3;
    },
    selector,
    { polling: 'raf', timeout },
  );
}
