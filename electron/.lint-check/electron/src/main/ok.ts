import { app, BrowserWindow } from 'electron';
export const z = [app, BrowserWindow];
