/**
 * The alarm window: the renderer's alarm centre (`#/alarm-window`) maximised on the display the operator chose in
 * 大屏设置. An ordinary framed window (the operator acknowledges alarms in it), brought forward on each new alarm
 * without taking the keyboard from the operator window, not throttled in the background (it plays alarm video).
 */
import { BrowserWindow } from 'electron';
import type { AlarmWindowHandle } from './alarm-window-controller';
import { alarmWindowUrl, type AlarmWindowPlan } from './alarm-window-plan';
import { loadGatewayPage, type GatewayLoadOptions } from './gateway-loader';
import { secureWebPreferences, type SecurityContext } from './window-security';

export interface AlarmWindowOptions {
  plan: Extract<AlarmWindowPlan, { kind: 'window' }>;
  gatewayOrigin: string;
  title: string;
  security: SecurityContext;
  beforeRetry: GatewayLoadOptions['beforeRetry'];
  onClosed(): void;
}

export function openAlarmWindow(options: AlarmWindowOptions): AlarmWindowHandle {
  const win = new BrowserWindow({
    ...options.plan.bounds,
    show: false,
    title: options.title,
    autoHideMenuBar: true,
    backgroundColor: '#0f1419',
    webPreferences: secureWebPreferences(options.security.preloadPath, options.security.devTools, {
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    }),
  });
  // Maximise on the chosen display: un-maximise, place, maximise again (a window manager maximises where it is).
  const place = (bounds: Electron.Rectangle) => {
    if (win.isMaximized()) win.unmaximize();
    win.setBounds(bounds);
    win.maximize();
  };
  win.once('ready-to-show', () => {
    place(options.plan.bounds);
    win.showInactive();
  });
  let closing = false;
  win.on('closed', () => {
    if (!closing) options.onClosed();
  });
  loadGatewayPage(win, () => alarmWindowUrl(options.gatewayOrigin), { log: options.security.log, beforeRetry: options.beforeRetry });
  return {
    move(plan) {
      if (!win.isDestroyed()) place(plan.bounds);
    },
    raise() {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.showInactive();
      win.moveTop();
    },
    close() {
      closing = true;
      if (!win.isDestroyed()) win.close();
    },
  };
}
