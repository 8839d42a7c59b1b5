import { ipcMain, app } from 'electron';
import * as electron from 'electron';
export const z = [ipcMain, app, electron];
