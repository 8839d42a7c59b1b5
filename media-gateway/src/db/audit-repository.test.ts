import { describe, expect, it } from 'vitest';
import { AuditRepository, type AuditEntry } from './audit-repository';
import { openDatabase } from './connection';
import { migrate } from './migrate';

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  db.exec('CREATE TABLE thing (id TEXT PRIMARY KEY)');
  const audit = new AuditRepository(db, () => 1000);
  const things = () => (db.prepare('SELECT id FROM thing ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  const actions = () => (db.prepare('SELECT action FROM audit_log ORDER BY id').all() as Array<{ action: string }>).map((r) => r.action);
  const insert = (id: string) => db.prepare('INSERT INTO thing (id) VALUES (?)').run(id);
  const entry = (action: string, outcome: AuditEntry['outcome'] = 'ok'): AuditEntry => ({ userId: 'u1', username: 'op', action, outcome });
  return { db, audit, things, actions, insert, entry };
}

describe('AuditRepository.recorded', () => {
  it('commits the write and its row together, the row built from the result', () => {
    const { audit, things, actions, insert, entry } = setup();
    const id = audit.recorded(
      () => (insert('a'), 'a'),
      (r) => entry(`thing.create:${r}`),
    );
    expect(id).toBe('a');
    expect(things()).toEqual(['a']);
    expect(actions()).toEqual(['thing.create:a']);
  });

  it('writes neither when the audit insert fails', () => {
    const { db, audit, things, actions, insert, entry } = setup();
    db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => audit.recorded(() => insert('a'), entry('thing.create'))).toThrow(/refused/);
    db.exec('DROP TRIGGER temp.refuse');
    expect(things()).toEqual([]);
    expect(actions()).toEqual([]);
  });

  it('writes no row for a null entry (an idempotent repeat)', () => {
    const { audit, actions } = setup();
    audit.recorded(() => 1, () => null);
    expect(actions()).toEqual([]);
  });

  it('keeps a denial recorded on the way when the write is refused and rolled back', () => {
    const { audit, things, actions, insert, entry } = setup();
    expect(() =>
      audit.recorded(() => {
        insert('a');
        audit.append(entry('access.denied', 'denied'));
        throw new Error('forbidden');
      }, entry('thing.create')),
    ).toThrow('forbidden');
    expect(things()).toEqual([]);
    expect(actions()).toEqual(['access.denied']);
  });
});

describe('AuditRepository denials', () => {
  it('stamps a denial with the code of its reason, keeping the English for the export', () => {
    const { db, audit } = setup();
    audit.append({ userId: 'u1', username: 'op', action: 'access.denied', outcome: 'denied', details: { reason: 'camera is outside your org-unit scope' } });
    audit.append({ userId: 'u1', username: 'op', action: 'camera.update', outcome: 'ok', details: { reason: 'moved' } });
    const rows = (db.prepare('SELECT details FROM audit_log ORDER BY id').all() as Array<{ details: string }>).map((r) => JSON.parse(r.details) as Record<string, string>);
    expect(rows).toEqual([{ reasonCode: 'out-of-scope', reason: 'camera is outside your org-unit scope' }, { reason: 'moved' }]);
  });
});
