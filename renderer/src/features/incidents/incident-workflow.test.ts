import { describe, expect, it } from 'vitest';
import { INCIDENT_STATES, type IncidentState, type IncidentUserAction } from '../../../../contracts/src/incident';
import { actionAvailability, actionBody, emptyDraft, localInputToIso, orgWithin, toLocalInput, validateAction, type Actor } from './incident-workflow';

const parents: Record<string, string | null> = { '141130': null, '141130100': '141130', '141130101': '141130', '141130101203': '141130101' };
const parentOf = (id: string) => (id in parents ? parents[id] : undefined);
const within = (unit: string, ancestor: string) => orgWithin(unit, ancestor, parentOf);

const operator: Actor = { role: 'county-operator', orgUnitId: null };
const kangcheng: Actor = { role: 'township-officer', orgUnitId: '141130101' };
const shuitou: Actor = { role: 'township-officer', orgUnitId: '141130100' };
const viewer: Actor = { role: 'viewer', orgUnitId: null };

function enabled(state: IncidentState, user: Actor, responsible: string | null = null): IncidentUserAction[] {
  return actionAvailability({ state, responsibleOrgUnitId: responsible }, user, within).filter((a) => a.enabled).map((a) => a.action);
}
function visible(state: IncidentState, user: Actor, responsible: string | null = null): IncidentUserAction[] {
  return actionAvailability({ state, responsibleOrgUnitId: responsible }, user, within).filter((a) => a.visible).map((a) => a.action);
}

describe('orgWithin', () => {
  it('follows parents, includes the unit itself, and falls back to code prefixes for unknown units', () => {
    expect(within('141130101203', '141130101')).toBe(true);
    expect(within('141130101', '141130101')).toBe(true);
    expect(within('141130100', '141130101')).toBe(false);
    expect(within('141130101999', '141130101')).toBe(true); // unknown village: prefix
    expect(within('141130102', '141130101')).toBe(false);
  });
});

describe('action availability (state machine × role)', () => {
  it('offers a county operator exactly the steps each state allows', () => {
    expect(enabled('accepted', operator)).toEqual(['analyse', 'supervise']);
    expect(enabled('analysed', operator)).toEqual(['dispatch', 'supervise']);
    expect(enabled('dispatched', operator, '141130101')).toEqual(['handle', 'return', 'supervise']);
    expect(enabled('handled', operator, '141130101')).toEqual(['return', 'close', 'supervise']);
    expect(enabled('closed', operator)).toEqual(['visit']);
  });

  it('shows the operator every step (the others disabled)', () => {
    for (const s of INCIDENT_STATES) expect(visible(s, operator, '141130101')).toHaveLength(7);
  });

  it('lets a township officer handle and return only what is dispatched to their township', () => {
    expect(visible('dispatched', kangcheng, '141130101')).toEqual(['handle', 'return']);
    expect(enabled('dispatched', kangcheng, '141130101')).toEqual(['handle', 'return']);
    expect(enabled('handled', kangcheng, '141130101')).toEqual(['return']);
    expect(visible('dispatched', shuitou, '141130101')).toEqual([]);
    expect(visible('dispatched', kangcheng, null)).toEqual([]); // a department's case
    expect(visible('accepted', kangcheng)).toEqual([]);
  });

  it('gives read-only roles nothing', () => {
    for (const s of INCIDENT_STATES) expect(visible(s, viewer, '141130101')).toEqual([]);
    expect(visible('dispatched', { role: 'technician', orgUnitId: null })).toEqual([]);
  });
});

describe('action form', () => {
  const now = Date.parse('2025-06-01T08:00:00Z');

  it('requires the notes the gateway requires', () => {
    const d = emptyDraft(now);
    for (const a of ['handle', 'return', 'supervise', 'visit'] as const) expect(validateAction(a, d, now).note).toBe('incidents.actions.required');
    for (const a of ['analyse', 'close'] as const) expect(validateAction(a, d, now)).toEqual({});
  });

  it('checks the dispatch target and a future deadline', () => {
    const d = emptyDraft(now);
    expect(validateAction('dispatch', d, now)).toEqual({ unit: 'incidents.actions.unitRequired' });
    expect(validateAction('dispatch', { ...d, target: 'department' }, now)).toEqual({ department: 'incidents.actions.departmentRequired' });
    expect(validateAction('dispatch', { ...d, unitId: '141130101', deadline: toLocalInput(now - 60_000) }, now).deadline).toBe('incidents.actions.deadlinePast');
    expect(validateAction('dispatch', { ...d, unitId: '141130101', deadline: '' }, now).deadline).toBe('incidents.actions.deadlineRequired');
    expect(validateAction('dispatch', { ...d, unitId: '141130101' }, now)).toEqual({});
  });

  it('builds the bodies of the contract', () => {
    const d = { ...emptyDraft(now), note: ' ok ', unitId: '141130101', deadline: toLocalInput(now + 3_600_000) };
    expect(actionBody('dispatch', d, 'other')).toEqual({ responsibleOrgUnitId: '141130101', deadline: new Date(now + 3_600_000).toISOString(), note: 'ok' });
    expect(actionBody('dispatch', { ...d, target: 'department', department: ' 县公安局 ' }, 'other')).toMatchObject({ responsibleDepartment: '县公安局' });
    expect(actionBody('handle', d, 'other')).toEqual({ feedback: 'ok' });
    expect(actionBody('return', d, 'other')).toEqual({ reason: 'ok' });
    expect(actionBody('visit', { ...d, satisfaction: 4 }, 'other')).toEqual({ result: 'ok', satisfaction: 4 });
    expect(actionBody('close', d, 'other')).toEqual({ note: 'ok' });
    expect(actionBody('close', { ...d, disputeResolved: false }, 'dispute')).toEqual({ note: 'ok', disputeResolved: false });
    expect(actionBody('analyse', { ...d, category: 'traffic' }, 'other')).toEqual({ note: 'ok', category: 'traffic' });
    expect(actionBody('analyse', { ...d, category: 'other' }, 'other')).toEqual({ note: 'ok' });
  });

  it('round-trips datetime-local values through local time', () => {
    const ms = Date.parse('2025-06-01T10:30:00Z');
    expect(localInputToIso(toLocalInput(ms))).toBe(new Date(ms).toISOString());
    expect(localInputToIso('nonsense')).toBeNull();
  });
});
