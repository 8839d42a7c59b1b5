import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { cacheStatements } from './statement-cache';

describe('statement cache', () => {
  it('prepares each SQL text once and answers each call with its own parameters', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    expect(db.prepare('INSERT INTO t (id, v) VALUES (?, ?)')).toBe(insert);
    insert.run(1, 'a');
    db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run(2, 'b');
    expect(db.prepare('SELECT v FROM t WHERE id = ?').get(1)).toEqual({ v: 'a' });
    expect(db.prepare('SELECT v FROM t WHERE id = ?').get(2)).toEqual({ v: 'b' });
    expect(db.prepare('SELECT v FROM t WHERE id = ?')).not.toBe(db.prepare('SELECT v FROM t WHERE id = @id'));
    db.close();
  });

  it('follows a schema change (SELECT * sees a new column) and stays bounded', () => {
    const db = cacheStatements(new Database(':memory:'), 3);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    db.prepare('INSERT INTO t (id) VALUES (1)').run();
    expect(db.prepare('SELECT * FROM t').get()).toEqual({ id: 1 });
    db.exec("ALTER TABLE t ADD COLUMN v TEXT DEFAULT 'x'");
    expect(db.prepare('SELECT * FROM t').get()).toEqual({ id: 1, v: 'x' });
    const first = db.prepare('SELECT 1 AS n');
    for (const n of [2, 3, 4]) db.prepare(`SELECT ${n} AS n`);
    expect(db.prepare('SELECT 1 AS n')).not.toBe(first); // dropped as the oldest, prepared again
    expect(db.prepare('SELECT 1 AS n').get()).toEqual({ n: 1 });
    db.close();
  });
});
