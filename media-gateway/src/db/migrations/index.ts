import { sql as m001 } from './001-initial';
import { sql as m002 } from './002-wall';
import { sql as m003 } from './003-health';

/** Numbered, forward-only. Never edit a shipped migration: add the next number. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001 },
  { version: 2, name: 'wall', sql: m002 },
  { version: 3, name: 'health', sql: m003 },
];
