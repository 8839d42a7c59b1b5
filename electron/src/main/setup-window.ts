/** The first-start setup page: a packaged local HTML file (strict meta CSP) asking for the gateway address. */
import { BrowserWindow } from 'electron';
import { secureWebPreferences, type SecurityContext } from './window-security';

export function openSetupWindow(pageUrl: string, title: string, security: SecurityContext): BrowserWindow {
  const win = new BrowserWindow({
    width: 600,
    height: 440,
    resizable: false,
    show: false,
    title,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(security.preloadPath, security.devTools),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.loadURL(pageUrl).catch((err: unknown) => security.log.error('setup: page did not load', { error: String(err) }));
  return win;
}
