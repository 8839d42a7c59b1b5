/**
 * "Which monitor is display 2?": every display shows its row-major number, big, for a few seconds. Pure placement
 * of the overlays plus a small runner with injected windows and clock (tested with fakes); identify-window.ts opens
 * the real overlays, which load the renderer's `#/identify?display=<n>`.
 */
import type { Rect } from '../../../contracts/src/desktop-ipc';
import { displayNumbers, sortDisplays, type DisplayDescriptor } from './display-mapping';

export const IDENTIFY_MS = 4000;

export interface IdentifyTarget {
  displayNumber: number;
  /** A box centred on the display: half its width and height, never covering more of a wall than it must. */
  bounds: Rect;
}

export function identifyTargets(displays: readonly DisplayDescriptor[]): IdentifyTarget[] {
  const numbers = displayNumbers(displays);
  return sortDisplays(displays).map((d) => {
    const width = Math.round(d.bounds.width / 2);
    const height = Math.round(d.bounds.height / 2);
    return {
      displayNumber: numbers.get(d.id) ?? 0,
      bounds: { x: Math.round(d.bounds.x + (d.bounds.width - width) / 2), y: Math.round(d.bounds.y + (d.bounds.height - height) / 2), width, height },
    };
  });
}

export interface IdentifyDeps {
  listDisplays(): DisplayDescriptor[];
  openOverlay(target: IdentifyTarget): { close(): void };
  setTimer(fn: () => void, ms: number): unknown;
}

/** Opens one overlay per display and closes them together; a second call while they show replaces them. */
export function createDisplayIdentifier(deps: IdentifyDeps, durationMs = IDENTIFY_MS): { identify(): number } {
  let shown: Array<{ close(): void }> = [];
  let round = 0;
  const closeAll = () => {
    for (const overlay of shown) overlay.close();
    shown = [];
  };
  return {
    identify() {
      closeAll();
      const mine = ++round;
      shown = identifyTargets(deps.listDisplays()).map((target) => deps.openOverlay(target));
      deps.setTimer(() => {
        if (mine === round) closeAll();
      }, durationMs);
      return shown.length;
    },
  };
}

/** `${gateway}/#/identify?display=<n>`: the renderer's big number (shown without signing in: it holds no data). */
export function identifyUrl(gatewayOrigin: string, displayNumber: number): string {
  return `${new URL(gatewayOrigin).origin}/#/identify?display=${displayNumber}`;
}
