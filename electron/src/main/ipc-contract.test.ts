// The IPC contract end to end without Electron: every channel has a sender scope, a request schema, a handler and a
// preload method that sends exactly that channel; payloads are validated before a handler runs; scopes are enforced.
import { describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../../../contracts/src/desktop-api';
import { IPC_CHANNELS, type IpcChannel, type IpcResult } from '../../../contracts/src/desktop-ipc';
import type { AlarmWindowController } from './alarm-window-controller';
import { registerIpcHandlers, type ShellServices } from './ipc-handlers';
import { createIpcRouter, type IpcInvokeEventLike, type IpcMainLike } from './ipc-router';
import { silentLogger } from './logger';
import { defaultSettings, type Settings } from './schemas';
import type { SettingsStore } from './settings-store';
import type { WallController } from './wall-controller';

const exposed = vi.hoisted(() => ({ api: null as unknown, sent: [] as unknown[][] }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_name: string, api: unknown) => void (exposed.api = api) },
  ipcRenderer: { invoke: async (...args: unknown[]) => (exposed.sent.push(args), { ok: true, value: null }) },
}));

const GATEWAY = 'https://127.0.0.1:8443';
const KEY2 = '1920,0,1920x1080';

function fakeIpc() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
  const call = (channel: string, url: string, ...args: unknown[]) => handlers.get(channel)!({ senderFrame: { url, parent: null } }, ...args) as Promise<IpcResult<unknown>>;
  return { ipc, handlers, call };
}

function services() {
  let settings: Settings = defaultSettings();
  const store: SettingsStore = { file: 'mem', get: () => structuredClone(settings), update: (f) => (settings = f(structuredClone(settings))) };
  const status = () => ({ placement: settings.alarmWindow, open: settings.alarmWindow.displayKey !== null, displayNumber: settings.alarmWindow.displayKey ? 2 : null, fallback: null });
  const alarmWindow: AlarmWindowController = { start: status, reconcile: status, raise: () => settings.alarmWindow.displayKey !== null, status, dispose: () => undefined };
  const wallStatus = { active: false, open: [], skipped: [] };
  const walls = { reconcile: () => wallStatus, status: () => wallStatus, setActive: () => wallStatus, displays: () => [] } as unknown as WallController;
  const identify = vi.fn(() => 3);
  const s: ShellServices = {
    appInfo: () => ({ name: 'c', version: '1', electron: '41', chrome: '1', platform: 'linux' }),
    settings: store,
    gatewayOrigin: () => GATEWAY,
    walls,
    alarmWindow,
    identifyDisplays: identify,
    setupSession: () => null,
    probe: async () => ({ healthy: true, certificate: null }) as never,
    switchGateway: async () => false,
    notify: () => true,
  };
  return { s, identify, settings: () => settings };
}

async function loadPreload(): Promise<DesktopApi> {
  await import('../preload/preload');
  return exposed.api as DesktopApi;
}

describe('IPC contract', () => {
  it('every channel has a handler, and only those channels', () => {
    const { ipc, handlers } = fakeIpc();
    registerIpcHandlers(createIpcRouter(ipc, () => ({ gatewayOrigin: GATEWAY, localPageUrls: [] }), silentLogger), services().s);
    expect([...handlers.keys()].sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
  });

  it('every channel has a preload method that sends exactly it', async () => {
    const api = await loadPreload();
    const calls: Array<[IpcChannel, () => Promise<unknown>]> = [
      ['app:version', () => api.app.version()],
      ['settings:get', () => api.settings.get()],
      ['settings:set-gateway', () => api.settings.setGateway('https://x')],
      ['setup:submit-gateway', () => api.setup.submitGateway('https://x')],
      ['displays:list', () => api.displays.list()],
      ['displays:identify', () => api.displays.identify()],
      ['wall:get-config', () => api.wall.getConfig()],
      ['wall:set-config', () => api.wall.setConfig({ assignments: [], openOnStart: false })],
      ['wall:status', () => api.wall.status()],
      ['wall:open', () => api.wall.open()],
      ['wall:close', () => api.wall.close()],
      ['notify:show', () => api.notify.show({ title: 't', body: '' })],
      ['alarm-window:get', () => api.alarmWindow.get()],
      ['alarm-window:set', () => api.alarmWindow.set({ displayKey: KEY2 })],
      ['alarm-window:raise', () => api.alarmWindow.raise()],
    ];
    expect(calls.map(([c]) => c).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const [channel, call] of calls) {
      exposed.sent.length = 0;
      await call();
      expect(exposed.sent.map((a) => a[0]), channel).toEqual([channel]);
    }
    exposed.sent.length = 0;
    await api.alarmWindow.set({ displayKey: null });
    expect(exposed.sent).toEqual([['alarm-window:set', { displayKey: null }]]);
  });

  it('alarm-window:set validates the placement, saves it and answers the status', async () => {
    const { ipc, call } = fakeIpc();
    const svc = services();
    registerIpcHandlers(createIpcRouter(ipc, () => ({ gatewayOrigin: GATEWAY, localPageUrls: [] }), silentLogger), svc.s);
    for (const bad of [{ displayKey: 'display 2' }, { displayKey: KEY2, extra: 1 }, {}, undefined, 'x']) {
      const r = await call('alarm-window:set', `${GATEWAY}/`, bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-payload');
    }
    expect(svc.settings().alarmWindow).toEqual({ displayKey: null });
    const r = await call('alarm-window:set', `${GATEWAY}/`, { displayKey: KEY2 });
    expect(r).toEqual({ ok: true, value: { placement: { displayKey: KEY2 }, open: true, displayNumber: 2, fallback: null } });
    expect(svc.settings().alarmWindow).toEqual({ displayKey: KEY2 });
    expect(await call('settings:get', `${GATEWAY}/`)).toMatchObject({ ok: true, value: { alarmWindow: { displayKey: KEY2 } } });
    expect(await call('alarm-window:raise', `${GATEWAY}/`)).toEqual({ ok: true, value: { raised: true } });
  });

  it('displays:identify takes no payload and is refused to other senders', async () => {
    const { ipc, call } = fakeIpc();
    const svc = services();
    registerIpcHandlers(createIpcRouter(ipc, () => ({ gatewayOrigin: GATEWAY, localPageUrls: ['file:///app/setup.html'] }), silentLogger), svc.s);
    expect(await call('displays:identify', `${GATEWAY}/#/`)).toEqual({ ok: true, value: { shown: 3 } });
    expect(await call('displays:identify', `${GATEWAY}/`, { n: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    for (const url of ['https://evil.example/', 'file:///app/setup.html']) {
      for (const channel of ['displays:identify', 'alarm-window:set', 'alarm-window:raise'] as const) {
        expect(await call(channel, url, channel === 'alarm-window:set' ? { displayKey: null } : undefined), `${channel} from ${url}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    expect(svc.identify).toHaveBeenCalledTimes(1);
    expect(svc.settings().alarmWindow).toEqual({ displayKey: null });
  });
});
