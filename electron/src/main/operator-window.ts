/** The operator's window: the console at the gateway origin, maximised on the operator's display. */
import { BrowserWindow } from 'electron';
import type { Rect } from '../../../contracts/src/desktop-ipc';
import type { DisplayDescriptor } from './display-mapping';
import { loadGatewayPage, type GatewayLoadOptions } from './gateway-loader';
import { secureWebPreferences, type SecurityContext } from './window-security';

export interface OperatorWindowOptions {
  url: string;
  title: string;
  display: DisplayDescriptor | null;
  security: SecurityContext;
  beforeRetry: GatewayLoadOptions['beforeRetry'];
  /** Called (debounced) after the operator moves the window. */
  onMoved(bounds: Rect): void;
}

export function openOperatorWindow(options: OperatorWindowOptions): BrowserWindow {
  const area = options.display?.workArea ?? options.display?.bounds ?? { x: 0, y: 0, width: 1600, height: 1000 };
  const width = Math.min(1600, area.width);
  const height = Math.min(1000, area.height);
  const win = new BrowserWindow({
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: options.title,
    autoHideMenuBar: true,
    backgroundColor: '#0f1419',
    webPreferences: secureWebPreferences(options.security.preloadPath, options.security.devTools, { autoplayPolicy: 'no-user-gesture-required' }),
  });
  win.once('ready-to-show', () => {
    win.maximize();
    win.show();
  });

  // 'move' fires continuously while dragging ('moved' exists only on macOS and Windows): settle first.
  let moveTimer: ReturnType<typeof setTimeout> | null = null;
  win.on('move', () => {
    if (moveTimer) clearTimeout(moveTimer);
    moveTimer = setTimeout(() => {
      if (!win.isDestroyed()) options.onMoved(win.getBounds());
    }, 800);
  });
  win.on('closed', () => {
    if (moveTimer) clearTimeout(moveTimer);
  });

  loadGatewayPage(win, () => options.url, { log: options.security.log, beforeRetry: options.beforeRetry });
  return win;
}
