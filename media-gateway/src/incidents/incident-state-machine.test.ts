import { describe, expect, it } from 'vitest';
import { INCIDENT_STATES, type IncidentState } from '../../../contracts/src/incident';
import { allowedActions, transition, type WorkflowAction } from './incident-state-machine';

/** The whole table: for every action and state, where it leads or that it is refused. */
const EXPECTED: Record<WorkflowAction, Partial<Record<IncidentState, IncidentState>>> = {
  analyse: { accepted: 'analysed' },
  dispatch: { analysed: 'dispatched' },
  handle: { dispatched: 'handled' },
  return: { dispatched: 'analysed', handled: 'analysed' },
  close: { handled: 'closed' },
  supervise: { accepted: 'accepted', analysed: 'analysed', dispatched: 'dispatched', handled: 'handled' },
  escalate: { dispatched: 'dispatched', handled: 'handled' },
  visit: { closed: 'closed' },
  attach: { accepted: 'accepted', analysed: 'analysed', dispatched: 'dispatched', handled: 'handled', closed: 'closed' },
};

describe('incident state machine', () => {
  for (const [action, legal] of Object.entries(EXPECTED) as Array<[WorkflowAction, Partial<Record<IncidentState, IncidentState>>]>) {
    for (const state of INCIDENT_STATES) {
      const to = legal[state];
      it(`${action} from ${state} → ${to ?? 'refused'}`, () => {
        const r = transition(state, action);
        if (to) expect(r).toEqual({ ok: true, to });
        else {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.message).toContain(`cannot ${action}`);
            expect(r.message).toContain(`is ${state}`);
            expect(r.allowedFrom).toEqual(Object.keys(legal));
          }
        }
      });
    }
  }

  it('walks the whole workflow, with a return to sender on the way', () => {
    let s: IncidentState = 'accepted';
    for (const a of ['analyse', 'dispatch', 'return', 'dispatch', 'handle', 'return', 'dispatch', 'handle', 'close', 'visit'] as WorkflowAction[]) {
      const r = transition(s, a);
      expect(r.ok, `${a} from ${s}`).toBe(true);
      if (r.ok) s = r.to;
    }
    expect(s).toBe('closed');
  });

  it('names the state in Chinese too, and lists what is possible', () => {
    const r = transition('closed', 'handle');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('cannot handle (处置反馈) an incident that is closed (办结); handle is allowed only when it is dispatched (分流转办)');
    expect(allowedActions('closed')).toEqual(['visit', 'attach']);
    expect(allowedActions('dispatched')).toEqual(['handle', 'return', 'supervise', 'escalate', 'attach']);
  });
});
