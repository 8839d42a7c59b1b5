import { describe, expect, it } from 'vitest';
import type { IncidentAction } from '../../../../contracts/src/incident';
import { applyTodoEvent, dismissNotice, INITIAL_TODO, MAX_NOTICES, seedTodo, todoCount, type TodoState } from './incident-todo';
import { incident } from './incident-fixtures.test-util';

const within = (unit: string, ancestor: string) => unit.startsWith(ancestor);
const kangcheng = { role: 'township-officer', orgUnitId: '141130101' } as const;
const county = { role: 'county-operator', orgUnitId: null } as const;
const at = (minute: number) => new Date(Date.UTC(2025, 5, 1, 8, minute)).toISOString();
const dispatchedTo = (unit: string, id: string, minute: number, extra = {}) => incident({ id, code: `2025-101-0000${id}`, state: 'dispatched', responsibleOrgUnitId: unit, updatedAt: at(minute), ...extra });
const push = (s: TodoState, action: IncidentAction, i: ReturnType<typeof incident>, viewer: typeof kangcheng | typeof county = kangcheng) => applyTodoEvent(s, { action, incident: i }, viewer, within);

describe('incident to-do (待我处理)', () => {
  const seeded = seedTodo(INITIAL_TODO, [dispatchedTo('141130101', '1', 0)], 1);

  it('counts what the gateway listed plus what it did not list, and raises no notice for it', () => {
    expect(todoCount(seeded)).toBe(1);
    expect(seeded.notices).toEqual([]);
    expect(todoCount(seedTodo(INITIAL_TODO, [dispatchedTo('141130101', '1', 0)], 7))).toBe(7);
  });

  it('shows one notice per incident dispatched to the township, whatever follows while it waits', () => {
    const i = dispatchedTo('141130101', '2', 1);
    const once = push(seeded, 'dispatch', i);
    expect(todoCount(once)).toBe(2);
    expect(once.notices).toMatchObject([{ kind: 'new', incidentId: '2', code: '2025-101-00002' }]);
    // the county console's duplicate push, and a later attachment: no second notice, no double count
    expect(push(once, 'dispatch', i)).toBe(once);
    const attached = push(once, 'attach', { ...i, updatedAt: at(2) });
    expect(todoCount(attached)).toBe(2);
    expect(attached.notices).toHaveLength(1);
    // 督办 on a waiting incident: one notice of its own
    const supervised = push(attached, 'supervise', { ...i, supervised: true, updatedAt: at(3) });
    expect(supervised.notices).toMatchObject([{ kind: 'supervised', incidentId: '2' }]);
  });

  it('ignores what is not for the township, and lets a fed-back incident leave the count and its notice', () => {
    expect(push(seeded, 'dispatch', dispatchedTo('141130102', '3', 1))).toBe(seeded);
    expect(push(seeded, 'create', incident({ id: '4', updatedAt: at(1) }))).toBe(seeded);
    const added = push(seeded, 'dispatch', dispatchedTo('141130101', '2', 1));
    const handled = push(added, 'handle', dispatchedTo('141130101', '2', 5, { state: 'handled' }));
    expect(todoCount(handled)).toBe(1);
    expect(handled.notices).toEqual([]);
    // an older push arriving late does not bring it back
    expect(push(handled, 'attach', dispatchedTo('141130101', '1', 0))).toBe(handled);
  });

  it('gives the county its own steps (a township handled → the county closes it)', () => {
    const countySeed = seedTodo(INITIAL_TODO, [], 0);
    const fedBack = push(countySeed, 'handle', dispatchedTo('141130101', '5', 4, { state: 'handled' }), county);
    expect(todoCount(fedBack)).toBe(1);
    expect(fedBack.notices).toMatchObject([{ kind: 'new', incidentId: '5' }]);
    expect(push(countySeed, 'dispatch', dispatchedTo('141130101', '6', 4), county)).toBe(countySeed);
    // A grid report arrives: announced; the operator's own new incident: counted, not announced to them.
    const reported = applyTodoEvent(countySeed, { action: 'create', incident: incident({ id: '7', createdBy: 'u-grid' }) }, county, within, 'u-op');
    expect([todoCount(reported), reported.notices.length]).toEqual([1, 1]);
    const own = applyTodoEvent(countySeed, { action: 'create', incident: incident({ id: '8', createdBy: 'u-op' }) }, county, within, 'u-op');
    expect([todoCount(own), own.notices.length]).toEqual([1, 0]);
  });

  it('raises nothing before the first load, keeps a bounded list, and dismisses one notice at a time', () => {
    expect(push(INITIAL_TODO, 'dispatch', dispatchedTo('141130101', '2', 1))).toBe(INITIAL_TODO);
    let s = seeded;
    for (let n = 0; n < MAX_NOTICES + 2; n++) s = push(s, 'dispatch', dispatchedTo('141130101', `n${n}`, n + 1));
    expect(s.notices).toHaveLength(MAX_NOTICES);
    expect(todoCount(s)).toBe(1 + MAX_NOTICES + 2);
    const key = s.notices[0]!.key;
    const dismissed = dismissNotice(s, key);
    expect(dismissed.notices.map((n) => n.key)).not.toContain(key);
    expect(todoCount(dismissed)).toBe(todoCount(s));
    expect(dismissNotice(dismissed, key)).toBe(dismissed);
    // a reload keeps the notices of what still waits, and announces only what joined meanwhile (missed pushes)
    const reloaded = seedTodo(dismissed, [dispatchedTo('141130101', `n${MAX_NOTICES + 1}`, 9), dispatchedTo('141130101', 'm', 9)], 2);
    expect(reloaded.notices.map((n) => n.incidentId)).toEqual([`n${MAX_NOTICES + 1}`, 'm']);
    expect(todoCount(reloaded)).toBe(2);
  });
});
