import type { BrowserWindow } from 'electron';
import { app } from 'electron';
export type B = BrowserWindow;
export const a = app;
