/** Every channel of the contract bound to the shell's services. Thin: validation and sender checks are the router's. */
import type { AppInfo, NotificationRequest, SetGatewayResult } from '../../../contracts/src/desktop-ipc';
import type { AlarmWindowController } from './alarm-window-controller';
import type { SetupSession } from './gateway-address';
import type { GatewayProbe } from './gateway-probe';
import { parseGatewayUrl } from './gateway-url';
import type { IpcRouter } from './ipc-router';
import type { SettingsStore } from './settings-store';
import type { WallController } from './wall-controller';

export interface ShellServices {
  appInfo(): AppInfo;
  settings: SettingsStore;
  gatewayOrigin(): string | null;
  walls: WallController;
  alarmWindow: AlarmWindowController;
  /** Shows every display's number; how many overlays opened. */
  identifyDisplays(): number;
  /** The running setup page session, null once the gateway is known. */
  setupSession(): SetupSession | null;
  probe: GatewayProbe;
  /** Asks the operator natively, saves and relaunches; false if they declined. */
  switchGateway(origin: string): Promise<boolean>;
  notify(notification: NotificationRequest): boolean;
}

export function registerIpcHandlers(router: IpcRouter, s: ShellServices): void {
  router.handle('app:version', () => s.appInfo());

  router.handle('settings:get', () => {
    const settings = s.settings.get();
    const origin = s.gatewayOrigin() ?? settings.gatewayUrl;
    return { gatewayUrl: origin, certificateFingerprint: origin ? (settings.certificatePins[origin] ?? null) : null, wall: settings.wall, alarmWindow: settings.alarmWindow };
  });

  router.handle('settings:set-gateway', async ({ url }): Promise<SetGatewayResult> => {
    const parsed = parseGatewayUrl(url);
    if (!parsed.ok) return { ok: false, reason: 'invalid-url', message: parsed.message };
    if (parsed.origin === s.gatewayOrigin()) return { ok: true, restarting: false };
    const probed = await s.probe(parsed.origin);
    if (!probed.healthy) return { ok: false, reason: 'unreachable', message: probed.problem ?? 'no answer' };
    if (!(await s.switchGateway(parsed.origin))) return { ok: false, reason: 'cancelled', message: 'the operator kept the current gateway' };
    return { ok: true, restarting: true };
  });

  router.handle('setup:submit-gateway', async ({ url }): Promise<SetGatewayResult> => {
    const session = s.setupSession();
    if (!session) return { ok: false, reason: 'cancelled', message: 'no setup in progress' };
    return session.submit(url);
  });

  router.handle('displays:list', () => s.walls.displays());
  router.handle('displays:identify', () => ({ shown: s.identifyDisplays() }));
  router.handle('wall:get-config', () => s.settings.get().wall);
  router.handle('wall:set-config', (config) => {
    s.settings.update((current) => ({ ...current, wall: config }));
    return s.walls.reconcile();
  });
  router.handle('wall:status', () => s.walls.status());
  router.handle('wall:open', () => s.walls.setActive(true));
  router.handle('wall:close', () => s.walls.setActive(false));
  router.handle('notify:show', (notification) => ({ shown: s.notify(notification) }));
  router.handle('alarm-window:get', () => s.alarmWindow.status());
  router.handle('alarm-window:set', (placement) => {
    s.settings.update((current) => ({ ...current, alarmWindow: placement }));
    return s.alarmWindow.reconcile();
  });
  router.handle('alarm-window:raise', () => ({ raised: s.alarmWindow.raise() }));
}
