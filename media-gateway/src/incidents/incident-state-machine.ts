import type { IncidentAction, IncidentState } from '../../../contracts/src/incident';

/**
 * The incident workflow as data: 受理 accepted → 研判 analysed → 分流转办 dispatched → 处置反馈 handled → 办结 closed,
 * return to sender (dispatched/handled → analysed), 督办 supervise in any open state, overdue escalation of an open
 * dispatched/handled case (by the system), 回访 return visit after close. Attachments may be added in any state.
 * Pure: no I/O, no clock.
 */
export type WorkflowAction = Exclude<IncidentAction, 'create'>;

/** For each action, the states it may start from and the state it leads to (null = stays where it is). */
const RULES: Record<WorkflowAction, { from: readonly IncidentState[]; to: IncidentState | null }> = {
  analyse: { from: ['accepted'], to: 'analysed' },
  dispatch: { from: ['analysed'], to: 'dispatched' },
  handle: { from: ['dispatched'], to: 'handled' },
  return: { from: ['dispatched', 'handled'], to: 'analysed' },
  close: { from: ['handled'], to: 'closed' },
  supervise: { from: ['accepted', 'analysed', 'dispatched', 'handled'], to: null },
  escalate: { from: ['dispatched', 'handled'], to: null },
  visit: { from: ['closed'], to: null },
  attach: { from: ['accepted', 'analysed', 'dispatched', 'handled', 'closed'], to: null },
};

export const STATE_LABELS: Record<IncidentState, string> = {
  accepted: '受理',
  analysed: '研判',
  dispatched: '分流转办',
  handled: '处置反馈',
  closed: '办结',
};

export const ACTION_LABELS: Record<IncidentAction, string> = {
  create: '受理',
  analyse: '研判',
  dispatch: '分流转办',
  handle: '处置反馈',
  return: '退回',
  close: '办结',
  supervise: '督办',
  escalate: '超期督办',
  visit: '回访',
  attach: '附件',
};

export type TransitionResult = { ok: true; to: IncidentState } | { ok: false; message: string; allowedFrom: readonly IncidentState[] };

export function transition(state: IncidentState, action: WorkflowAction): TransitionResult {
  const rule = RULES[action];
  if (!rule.from.includes(state)) {
    const allowed = rule.from.map((s) => `${s} (${STATE_LABELS[s]})`).join(', ');
    return {
      ok: false,
      allowedFrom: rule.from,
      message: `cannot ${action} (${ACTION_LABELS[action]}) an incident that is ${state} (${STATE_LABELS[state]}); ${action} is allowed only when it is ${allowed}`,
    };
  }
  return { ok: true, to: rule.to ?? state };
}

/** The user actions possible from a state (the console greys out the others). */
export function allowedActions(state: IncidentState): WorkflowAction[] {
  return (Object.keys(RULES) as WorkflowAction[]).filter((a) => RULES[a].from.includes(state));
}

export const isOpen = (state: IncidentState): boolean => state !== 'closed';
