import { sql as m001 } from './001-initial';

/** Numbered, forward-only. Never edit a shipped migration: add the next number. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: m001 },
];
