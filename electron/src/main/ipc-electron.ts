/** Binds the typed router to Electron's ipcMain: the only file in main that touches ipcMain. */
import { ipcMain } from 'electron';
import { createIpcRouter, type IpcRouter } from './ipc-router';
import type { TrustedSenders } from './ipc-sender-policy';
import type { Logger } from './logger';

export function createElectronIpcRouter(trustedSenders: () => TrustedSenders, log: Logger): IpcRouter {
  return createIpcRouter(ipcMain, trustedSenders, log);
}
