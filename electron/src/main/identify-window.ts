/**
 * One identify overlay: a small frameless window that shows the renderer's `#/identify?display=<n>` on top of
 * everything (walls included), never takes focus and lets the mouse through; display-identify.ts closes it.
 */
import { BrowserWindow } from 'electron';
import { identifyUrl, type IdentifyTarget } from './display-identify';
import { secureWebPreferences, type SecurityContext } from './window-security';

export function openIdentifyWindow(target: IdentifyTarget, gatewayOrigin: string, security: SecurityContext): { close(): void } {
  const win = new BrowserWindow({
    ...target.bounds,
    show: false,
    frame: false,
    focusable: false,
    skipTaskbar: true,
    resizable: false,
    alwaysOnTop: true,
    backgroundColor: '#000000',
    webPreferences: secureWebPreferences(security.preloadPath, security.devTools),
  });
  win.setAlwaysOnTop(true, 'screen-saver');
  win.setIgnoreMouseEvents(true);
  win.once('ready-to-show', () => win.showInactive());
  win.loadURL(identifyUrl(gatewayOrigin, target.displayNumber)).catch((err: unknown) => security.log.warn('identify: load failed', { error: String(err) }));
  return {
    close() {
      if (!win.isDestroyed()) win.close();
    },
  };
}
