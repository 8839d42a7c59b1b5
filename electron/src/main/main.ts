/**
 * Composition root of the desktop shell: settings → gateway address → certificate trust → windows → IPC handlers →
 * app lifecycle. Everything with logic lives in the modules it wires; this file only decides the order.
 */
import { app, session, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAlarmWindowController } from './alarm-window-controller';
import { openAlarmWindow } from './alarm-window';
import { hasSwitch, switchValue } from './command-line';
import { keepDisplaysAwake, showNotification } from './desktop-services';
import { confirmFirstUse, confirmGatewaySwitch, reportMismatch, showFatal } from './dialogs';
import { createDisplayIdentifier } from './display-identify';
import { displayKey, displayForRect } from './display-mapping';
import { argvWithoutGatewaySwitch, createSetupSession, GatewayAddressError, resolveGatewayAddress, type SetupSession } from './gateway-address';
import { probeGateway } from './gateway-probe';
import { ensureGatewayTrust } from './gateway-trust';
import { createElectronIpcRouter } from './ipc-electron';
import { registerIpcHandlers } from './ipc-handlers';
import { consoleLogger as log } from './logger';
import { messagesFor, pickLocale } from './messages';
import { openIdentifyWindow } from './identify-window';
import { openOperatorWindow } from './operator-window';
import { electronScreen, listElectronDisplays } from './screen-source';
import { openSettingsStore } from './settings-store';
import { openSetupWindow } from './setup-window';
import { createWallController } from './wall-controller';
import { resolveOperatorDisplay } from './wall-manager';
import { openWallWindow } from './wall-window';
import { hardenSession, hardenWebContents, type SecurityContext } from './window-security';

const distDir = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(distDir, 'preload.cjs');
const SETUP_PAGE_URL = pathToFileURL(join(distDir, 'setup', 'setup.html')).href;
const argv = process.argv.slice(1);

app.enableSandbox();
const userDataDir = switchValue(argv, 'user-data-dir');
if (userDataDir) app.setPath('userData', userDataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((err: unknown) => {
    log.error('shell: start failed', { error: String((err as Error)?.stack ?? err) });
    showFatal('Console', String((err as Error)?.message ?? err));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const t = messagesFor(pickLocale(app.getLocale()));
  const store = openSettingsStore(join(app.getPath('userData'), 'settings.json'), log);

  let gatewayOrigin: string | null = null;
  let setupSession: SetupSession | null = null;
  let operator: BrowserWindow | null = null;
  const parent = () => (operator && !operator.isDestroyed() ? operator : null);
  const bringOperatorForward = () => {
    const win = parent();
    if (win?.isMinimized()) win.restore();
    win?.focus();
  };
  const allowList = () => ({ gatewayOrigin, localPageUrls: [SETUP_PAGE_URL] });
  const pinned = (origin: string) => store.get().certificatePins[origin] ?? null;
  const security: SecurityContext = {
    allowList,
    pinnedFingerprint: () => (gatewayOrigin ? pinned(gatewayOrigin) : null),
    preloadPath: PRELOAD,
    devTools: !app.isPackaged,
    log,
  };
  hardenSession(session.defaultSession, security);
  // Until the operator window exists (setup page closing, trust dialogs), no open window is not a reason to quit.
  app.on('window-all-closed', () => {
    if (operator) app.quit();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, security));

  // Certificate trust for the current gateway, re-checked before every reload after a failure. Single-flight: the
  // operator window and several walls failing at once must not open several dialogs.
  let trusting: Promise<boolean> | null = null;
  const trust = (): Promise<boolean> => (trusting ??= checkTrust().finally(() => (trusting = null)));
  const checkTrust = async (): Promise<boolean> => {
    if (!gatewayOrigin) return false;
    const outcome = await ensureGatewayTrust(gatewayOrigin, {
      probe: probeGateway,
      pinned,
      pin: (origin, fingerprint) => {
        store.update((s) => ({ ...s, certificatePins: { ...s.certificatePins, [origin]: fingerprint } }));
        // Chromium caches verification results: drop connections that may have been refused before the pin.
        void session.defaultSession.closeAllConnections();
      },
      confirmFirstUse: (origin, fingerprint) => confirmFirstUse(t, parent(), origin, fingerprint),
      reportMismatch: (origin, was, now) => reportMismatch(t, parent(), origin, was, now),
      log,
    });
    if (outcome === 'declined' || outcome === 'mismatch') {
      app.quit();
      return false;
    }
    return true;
  };

  const walls = createWallController({
    screen: electronScreen,
    config: () => store.get().wall,
    operatorDisplayKey: () => store.get().operatorDisplayKey,
    openWindow: (wall, onClosed) =>
      openWallWindow({ wall, gatewayOrigin: gatewayOrigin!, title: t.wallTitle, security, beforeRetry: trust, onClosed }),
    keepDisplaysAwake,
    log,
  });

  const alarmWindow = createAlarmWindowController({
    screen: electronScreen,
    placement: () => store.get().alarmWindow,
    openWindow: (plan, onClosed) => openAlarmWindow({ plan, gatewayOrigin: gatewayOrigin!, title: t.alarmWindowTitle, security, beforeRetry: trust, onClosed }),
    log,
  });
  const identifier = createDisplayIdentifier({
    listDisplays: listElectronDisplays,
    openOverlay: (target) => (gatewayOrigin ? openIdentifyWindow(target, gatewayOrigin, security) : { close: () => undefined }),
    setTimer: (fn, ms) => setTimeout(fn, ms),
  });

  registerIpcHandlers(createElectronIpcRouter(allowList, log), {
    appInfo: () => ({ name: app.getName(), version: app.getVersion(), electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', platform: process.platform }),
    settings: store,
    gatewayOrigin: () => gatewayOrigin,
    walls,
    alarmWindow,
    identifyDisplays: () => identifier.identify(),
    setupSession: () => setupSession,
    probe: probeGateway,
    switchGateway: async (origin) => {
      if (!(await confirmGatewaySwitch(t, parent(), origin))) return false;
      store.update((s) => ({ ...s, gatewayUrl: origin }));
      app.relaunch({ args: argvWithoutGatewaySwitch(argv) });
      setTimeout(() => app.exit(0), 200); // let the answer reach the page first
      return true;
    },
    notify: (notification) => showNotification(notification, bringOperatorForward),
  });

  // Gateway address: --gateway, saved, probed on this computer, or asked on the setup page.
  let resolved;
  try {
    resolved = await resolveGatewayAddress({
      argv,
      saved: store.get().gatewayUrl,
      save: (origin) => store.update((s) => ({ ...s, gatewayUrl: origin })),
      probe: probeGateway,
      askOperator: async () => {
        setupSession = createSetupSession(probeGateway);
        const win = openSetupWindow(SETUP_PAGE_URL, t.setupTitle, security);
        win.on('closed', () => setupSession?.cancel());
        const origin = await setupSession.result;
        setupSession = null;
        if (!win.isDestroyed()) win.close();
        return origin;
      },
      log,
    });
  } catch (err) {
    if (!(err instanceof GatewayAddressError)) throw err;
    showFatal(t.badSwitchTitle, err.message);
    return app.exit(2);
  }
  if (!resolved) return app.quit();
  gatewayOrigin = resolved.origin;
  log.info('gateway: using', { origin: gatewayOrigin, source: resolved.source });
  if (hasSwitch(argv, 'forget-certificate')) {
    store.update((s) => ({ ...s, certificatePins: Object.fromEntries(Object.entries(s.certificatePins).filter(([origin]) => origin !== gatewayOrigin)) }));
    log.warn('gateway: pinned certificate forgotten on request', { origin: gatewayOrigin });
  }
  if (!(await trust())) return;

  // Windows: the operator's console, then the walls (if configured to open on start).
  operator = openOperatorWindow({
    url: `${gatewayOrigin}/`,
    title: t.productName,
    display: resolveOperatorDisplay(listElectronDisplays(), store.get().operatorDisplayKey),
    security,
    beforeRetry: trust,
    onMoved: (bounds) => {
      const display = displayForRect(listElectronDisplays(), bounds);
      const key = display ? displayKey(display.bounds) : null;
      if (key === store.get().operatorDisplayKey) return;
      store.update((s) => ({ ...s, operatorDisplayKey: key }));
      walls.schedule();
    },
  });
  operator.on('closed', () => app.quit());
  walls.start();
  alarmWindow.start();

  // Lifecycle: one instance; closing the operator window ends the console (walls included).
  app.on('second-instance', bringOperatorForward);
  app.on('before-quit', () => {
    walls.dispose();
    alarmWindow.dispose();
  });
}
