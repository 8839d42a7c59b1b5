/**
 * Loads a gateway page into a window and keeps it loaded: a failed main-frame load (gateway not up yet after a
 * reboot, network down, certificate refused) or a crashed renderer is retried with backoff (1 s … 30 s), after an
 * optional check (re-running the certificate trust decision). A kiosk wall must come back by itself.
 */
import type { BrowserWindow } from 'electron';
import type { Logger } from './logger';

export interface GatewayPageLoader {
  /** Load the (possibly changed) URL now. */
  reload(): void;
}

export interface GatewayLoadOptions {
  log: Logger;
  /** Runs before each retry; false stops retrying (e.g. the app is quitting). */
  beforeRetry?: () => Promise<boolean>;
}

const ERR_ABORTED = -3;

export function loadGatewayPage(win: BrowserWindow, url: () => string, options: GatewayLoadOptions): GatewayPageLoader {
  const contents = win.webContents;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const load = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    contents.loadURL(url()).catch(() => {
      // reported through did-fail-load
    });
  };

  const retry = (why: string) => {
    if (timer || win.isDestroyed()) return;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
    failures++;
    options.log.warn('window: gateway page failed, retrying', { why, delayMs: delay, url: url() });
    timer = setTimeout(() => {
      timer = null;
      void (async () => {
        if (options.beforeRetry && !(await options.beforeRetry())) return;
        load();
      })();
    }, delay);
  };

  contents.on('did-fail-load', (_event, code, description, _validatedUrl, isMainFrame) => {
    if (isMainFrame && code !== ERR_ABORTED) retry(`${code} ${description}`);
  });
  contents.on('did-finish-load', () => {
    failures = 0;
  });
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') retry(`renderer ${details.reason}`);
  });
  win.on('closed', () => {
    if (timer) clearTimeout(timer);
    timer = null;
  });
  load();
  return { reload: load };
}
