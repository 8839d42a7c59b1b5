// The console's one door to the desktop shell: `window.desktop` (electron/src/preload/preload.ts), typed by the
// contract's `DesktopApi`. Nothing else in the renderer reads `window.desktop`; in a plain browser it is absent and
// every caller gets null and says what needs the desktop app.
import type { DesktopApi } from '../../../../contracts/src/desktop-api';

declare global {
  interface Window {
    desktop?: DesktopApi;
  }
}

export type { DesktopApi };

/** The shell's API, or null in a browser (or anything that is not our shell). */
export function desktopBridge(): DesktopApi | null {
  if (typeof window === 'undefined') return null;
  const api = window.desktop;
  return api && api.shell === 'electron' ? api : null;
}

/**
 * The shell rejects with `<code>: <message>` (contextBridge keeps only an Error's message): the code, for words
 * in the console's language, and the shell's own text as the detail.
 */
export function desktopErrorCode(error: unknown): 'forbidden' | 'invalid-payload' | 'unknown-channel' | 'failed' {
  const m = /^(forbidden|invalid-payload|unknown-channel|failed):/.exec(error instanceof Error ? error.message : String(error));
  return (m?.[1] as 'forbidden' | 'invalid-payload' | 'unknown-channel' | undefined) ?? 'failed';
}
