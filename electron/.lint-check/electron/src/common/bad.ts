import { z } from 'zod';
import type { App } from 'electron';
export const q = z;
export type A = App;
