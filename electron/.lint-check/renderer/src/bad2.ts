import { app } from 'electron';
import type { X } from 'electron/main';
import { readFileSync } from 'node:fs';
import type { Y } from '../../electron/src/common/desktop-api-evil';
export const q = [app, readFileSync];
export type Z = X | Y;
