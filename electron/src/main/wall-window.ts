/**
 * One full-screen kiosk wall window per display, showing `${gateway}/#/wall?layout=<id>&display=<n>`. Frameless,
 * not in the task bar, never takes focus from the operator, not throttled in the background (it is never focused
 * but must keep playing video), and reloaded by itself after a failure or a crash.
 */
import { BrowserWindow } from 'electron';
import { loadGatewayPage, type GatewayLoadOptions } from './gateway-loader';
import type { WallWindow } from './wall-controller';
import { wallUrl, type PlannedWall } from './wall-manager';
import { secureWebPreferences, type SecurityContext } from './window-security';

export interface WallWindowOptions {
  wall: PlannedWall;
  gatewayOrigin: string;
  title: (displayNumber: number) => string;
  security: SecurityContext;
  beforeRetry: GatewayLoadOptions['beforeRetry'];
  onClosed(): void;
}

export function openWallWindow(options: WallWindowOptions): WallWindow {
  let current = options.wall;
  const { x, y, width, height } = current.bounds;
  const win = new BrowserWindow({
    x,
    y,
    width,
    height,
    show: false,
    frame: false,
    kiosk: true,
    skipTaskbar: true,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    title: options.title(current.displayNumber),
    webPreferences: secureWebPreferences(options.security.preloadPath, options.security.devTools, {
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    }),
  });
  // Window managers place a new window where they like: pin it to its display, then go kiosk there.
  const place = () => {
    win.setKiosk(false);
    win.setBounds(current.bounds);
    win.setKiosk(true);
  };
  win.once('ready-to-show', () => {
    place();
    win.showInactive();
  });
  let closing = false;
  win.on('closed', () => {
    if (!closing) options.onClosed();
  });
  const loader = loadGatewayPage(win, () => wallUrl(options.gatewayOrigin, current), { log: options.security.log, beforeRetry: options.beforeRetry });

  return {
    update(wall, change) {
      current = wall;
      if (win.isDestroyed()) return;
      if (change.move) place();
      if (change.reload) {
        win.setTitle(options.title(wall.displayNumber));
        loader.reload();
      }
    },
    close() {
      closing = true;
      if (!win.isDestroyed()) win.close();
    },
  };
}
