import { ipcMain } from 'electron';
export const z = ipcMain;
