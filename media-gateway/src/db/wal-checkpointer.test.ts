import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../platform/logger';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase, type Db } from './connection';
import { WalCheckpointer } from './wal-checkpointer';

const log = createLogger({ level: 'silent' });
const walSize = (file: string) => statSync(`${file}-wal`).size;

describe('WalCheckpointer', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvg-wal-'));
    dirs.push(dir);
    const file = join(dir, 'gateway.sqlite');
    const db = openDatabase(file);
    dbs.push(db);
    db.exec('CREATE TABLE burst (payload BLOB)');
    return { db, file };
  };
  const burst = (db: Db, megabytes: number) => {
    const insert = db.prepare('INSERT INTO burst (payload) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < megabytes * 16; i++) insert.run(Buffer.alloc(64 * 1024, i));
    })();
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) if (db.open) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('truncates the -wal file that a burst of writes left at its peak size', () => {
    const { db, file } = open();
    burst(db, 8);
    expect(walSize(file)).toBeGreaterThan(8 * 1024 * 1024);
    const result = new WalCheckpointer(db, log).checkpoint();
    expect(result).toMatchObject({ busy: false });
    expect(walSize(file)).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM burst').get()).toEqual({ n: 128 });
  });

  it('reports busy at once, without waiting out busy_timeout, while another connection holds a read transaction', () => {
    const { db, file } = open();
    burst(db, 2);
    const reader = new Database(file);
    dbs.push(reader);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM burst').get();
    db.exec('INSERT INTO burst (payload) VALUES (x\'00\')');
    const t0 = performance.now();
    const result = new WalCheckpointer(db, log).checkpoint();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(result?.busy ?? true).toBe(true);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(DEFAULT_BUSY_TIMEOUT_MS); // restored after the checkpoint
    reader.exec('COMMIT');
  });

  it('runs on its timer until stopped', async () => {
    const { db, file } = open();
    burst(db, 4);
    const checkpoints = new WalCheckpointer(db, log).start(0.1);
    try {
      const deadline = Date.now() + 3000;
      while (walSize(file) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(walSize(file)).toBe(0);
    } finally {
      checkpoints.stop();
    }
    burst(db, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(walSize(file)).toBeGreaterThan(1024 * 1024);
  });
});
