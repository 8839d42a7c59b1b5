/**
 * Sandboxed preload (bundled to CommonJS): exposes `window.desktop`, a frozen object of typed functions built from
 * the IPC contract. No ipcRenderer, no events, no Node objects reach the page; arguments are passed through as
 * plain data and main validates every payload and sender.
 */
import { contextBridge } from 'electron';
import type { DesktopApi } from '../../../contracts/src/desktop-api';
import { invoke } from './ipc-invoke';

const api: DesktopApi = {
  shell: 'electron',
  app: {
    version: () => invoke('app:version'),
  },
  settings: {
    get: () => invoke('settings:get'),
    setGateway: (url) => invoke('settings:set-gateway', { url }),
  },
  setup: {
    submitGateway: (url) => invoke('setup:submit-gateway', { url }),
  },
  displays: {
    list: () => invoke('displays:list'),
    identify: () => invoke('displays:identify'),
  },
  wall: {
    getConfig: () => invoke('wall:get-config'),
    setConfig: (config) => invoke('wall:set-config', config),
    status: () => invoke('wall:status'),
    open: () => invoke('wall:open'),
    close: () => invoke('wall:close'),
  },
  notify: {
    show: (notification) => invoke('notify:show', notification),
  },
  alarmWindow: {
    get: () => invoke('alarm-window:get'),
    set: (placement) => invoke('alarm-window:set', placement),
    raise: () => invoke('alarm-window:raise'),
  },
};

contextBridge.exposeInMainWorld('desktop', api);
