import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope-service';
import { AuditRepository } from '../db/audit-repository';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { OrgUnitRepository } from '../db/org-unit-repository';
import { OrgUnitService } from './org-unit-service';

const admin: AuthUser = { id: 'u-admin', username: 'admin', displayName: 'Admin', role: 'admin', orgUnitId: null, sessionId: 's' };
const county = { id: '141130', name: '县', nameEn: null, level: 'county' as const, parentId: null, lat: null, lng: null, demo: false };
const township = { id: '141130101', name: '镇', nameEn: null, level: 'township' as const, parentId: '141130', lat: null, lng: null, demo: false };

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  const orgUnits = new OrgUnitRepository(db);
  const audit = new AuditRepository(db);
  const svc = new OrgUnitService({ orgUnits, scope: new ScopeService(orgUnits), audit });
  const actions = () => (db.prepare('SELECT action, target_id AS id FROM audit_log ORDER BY id').all() as Array<{ action: string; id: string }>).map((r) => `${r.action} ${r.id}`);
  const refuseAudit = () => db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END`);
  return { db, orgUnits, svc, actions, refuseAudit };
}

describe('OrgUnitService: each change commits with its audit row', () => {
  it('create, update and delete each leave one row', () => {
    const { svc, actions } = setup();
    svc.create(admin, county, '127.0.0.1');
    svc.create(admin, township, '127.0.0.1');
    svc.update(admin, township.id, { name: '新镇' }, '127.0.0.1');
    svc.delete(admin, township.id, '127.0.0.1');
    expect(actions()).toEqual(['org-unit.create 141130', 'org-unit.create 141130101', 'org-unit.update 141130101', 'org-unit.delete 141130101']);
  });

  it('changes nothing when the audit row cannot be written', () => {
    const { svc, orgUnits, refuseAudit } = setup();
    svc.create(admin, county, '127.0.0.1');
    svc.create(admin, township, '127.0.0.1');
    refuseAudit();
    expect(() => svc.create(admin, { ...township, id: '141130102' }, '127.0.0.1')).toThrow(/refused/);
    expect(() => svc.update(admin, township.id, { name: '新镇' }, '127.0.0.1')).toThrow(/refused/);
    expect(() => svc.delete(admin, township.id, '127.0.0.1')).toThrow(/refused/);
    expect(orgUnits.get('141130102')).toBeNull();
    expect(orgUnits.get(township.id)?.name).toBe('镇');
  });
});
