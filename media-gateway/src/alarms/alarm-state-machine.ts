import type { AlarmState } from '../../../contracts/src/alarm';

/**
 * What can be done to an alarm, and from which states. Pure, so every legal and illegal transition is table-tested.
 *
 *   new ──acknowledge──▶ acknowledged ──resolve──▶ resolved
 *   new | acknowledged ──dismiss (reason)──▶ dismissed
 *   new | acknowledged ──convert──▶ converted (an incident was opened from it)
 *   new | acknowledged ──recover──▶ resolved (the gateway: the camera is back)
 *   new | acknowledged ──assign──▶ (state unchanged)
 *
 * An operator resolves only what was acknowledged (someone has looked at it); the gateway's own recovery may
 * resolve a `new` alarm, since nobody needs to act on a fault that has gone away.
 */
export type AlarmCommand = 'acknowledge' | 'assign' | 'dismiss' | 'resolve' | 'recover' | 'convert';

export const ALARM_COMMANDS: readonly AlarmCommand[] = ['acknowledge', 'assign', 'dismiss', 'resolve', 'recover', 'convert'];

const RULES: Record<AlarmCommand, { from: readonly AlarmState[]; to: AlarmState | 'same'; verb: string }> = {
  acknowledge: { from: ['new'], to: 'acknowledged', verb: 'acknowledge' },
  assign: { from: ['new', 'acknowledged'], to: 'same', verb: 'assign' },
  dismiss: { from: ['new', 'acknowledged'], to: 'dismissed', verb: 'dismiss' },
  resolve: { from: ['acknowledged'], to: 'resolved', verb: 'resolve' },
  recover: { from: ['new', 'acknowledged'], to: 'resolved', verb: 'auto-resolve' },
  convert: { from: ['new', 'acknowledged'], to: 'converted', verb: 'convert' },
};

export type TransitionResult = { ok: true; to: AlarmState } | { ok: false; message: string };

export function transition(state: AlarmState, command: AlarmCommand): TransitionResult {
  const rule = RULES[command];
  if (rule.from.includes(state)) return { ok: true, to: rule.to === 'same' ? state : rule.to };
  return { ok: false, message: refusal(state, command, rule.verb) };
}

function refusal(state: AlarmState, command: AlarmCommand, verb: string): string {
  if (command === 'resolve' && state === 'new') return 'cannot resolve an alarm that is new: acknowledge it first';
  if (command === 'acknowledge' && state === 'acknowledged') return 'the alarm is already acknowledged';
  return `cannot ${verb} an alarm that is ${state === 'converted' ? 'converted to an incident' : state}`;
}

export function isOpen(state: AlarmState): boolean {
  return state === 'new' || state === 'acknowledged';
}
