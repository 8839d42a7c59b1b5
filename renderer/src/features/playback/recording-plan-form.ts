// The recording plan editor's state (pure): the gateway's plan ↔ the form, the week grid's painting, and the PUT body.
// The plan's shape is the gateway's (media-gateway/src/recording/recording-plan.ts): a week is 7 strings (Monday
// first) of 48 '0'/'1', one per half-hour.

export type RecordingMode = 'none' | 'continuous' | 'schedule' | 'event';
export type PlanProfile = 'main' | 'sub';
export const RECORDING_MODES: readonly RecordingMode[] = ['none', 'continuous', 'schedule', 'event'];

export type RecordingPlan =
  | { mode: 'none' }
  | { mode: 'continuous'; profile: PlanProfile; retentionDays?: number }
  | { mode: 'schedule'; profile: PlanProfile; retentionDays?: number; week: string[] }
  | { mode: 'event'; profile: PlanProfile; retentionDays?: number; preSec: number; postSec: number };

export type RecordingState = 'recording' | 'starting' | 'stopped' | 'idle';
export interface RecordingStatus {
  state: RecordingState;
  reasonCode: string | null;
}
export interface RecordingPlanResponse {
  cameraId: string;
  plan: RecordingPlan;
  /** Where the plan comes from: the camera's own, or a default of its org unit or category (absent: older gateway). */
  source?: 'camera' | 'org-unit' | 'category' | 'none';
  status: RecordingStatus;
}

export const DAYS = 7;
export const SLOTS = 48;
export const PRE_SEC_MAX = 60;
export const POST_SEC_MAX = 600;

export interface PlanFormState {
  mode: RecordingMode;
  profile: PlanProfile;
  /** [day][half-hour], Monday first. */
  week: boolean[][];
  preSec: number;
  postSec: number;
  /** Kept as the gateway had it (not edited here). */
  retentionDays?: number;
}

/** Working days 08:00–18:00, a starting point when schedule is first chosen. */
export function defaultWeek(): boolean[][] {
  return Array.from({ length: DAYS }, (_, day) => Array.from({ length: SLOTS }, (_, s) => day < 5 && s >= 16 && s < 36));
}

export function formFromPlan(plan: RecordingPlan): PlanFormState {
  const base: PlanFormState = { mode: plan.mode, profile: 'main', week: defaultWeek(), preSec: 10, postSec: 30 };
  if (plan.mode === 'none') return base;
  const withProfile = { ...base, profile: plan.profile, ...(plan.retentionDays !== undefined ? { retentionDays: plan.retentionDays } : {}) };
  if (plan.mode === 'schedule') return { ...withProfile, week: plan.week.map((d) => Array.from(d, (c) => c === '1')) };
  if (plan.mode === 'event') return { ...withProfile, preSec: plan.preSec, postSec: plan.postSec };
  return withProfile;
}

const clampInt = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(Number.isFinite(n) ? n : min)));

/** The body of PUT /api/v1/cameras/:id/recording-plan. */
export function planBody(f: PlanFormState): RecordingPlan {
  const keep = f.retentionDays !== undefined ? { retentionDays: f.retentionDays } : {};
  switch (f.mode) {
    case 'none':
      return { mode: 'none' };
    case 'continuous':
      return { mode: 'continuous', profile: f.profile, ...keep };
    case 'schedule':
      return { mode: 'schedule', profile: f.profile, ...keep, week: f.week.map((d) => d.map((on) => (on ? '1' : '0')).join('')) };
    case 'event':
      return { mode: 'event', profile: f.profile, ...keep, preSec: clampInt(f.preSec, 0, PRE_SEC_MAX), postSec: clampInt(f.postSec, 1, POST_SEC_MAX) };
  }
}

export interface Cell {
  day: number;
  slot: number;
}

/**
 * A drag over the grid from `from` to `to` sets the rectangle between them to `value` (the opposite of the cell the
 * drag began on, so one gesture either fills or clears). A click is a drag of one cell. Returns a new grid.
 */
export function paintWeek(week: boolean[][], from: Cell, to: Cell, value: boolean): boolean[][] {
  const [d0, d1] = from.day <= to.day ? [from.day, to.day] : [to.day, from.day];
  const [s0, s1] = from.slot <= to.slot ? [from.slot, to.slot] : [to.slot, from.slot];
  return week.map((slots, day) => (day < d0 || day > d1 ? slots : slots.map((on, slot) => (slot >= s0 && slot <= s1 ? value : on))));
}

/** Half-hours chosen in the week (shown beside the grid, and a schedule of none is refused before saving). */
export const scheduledSlots = (week: boolean[][]): number => week.reduce((n, d) => n + d.filter(Boolean).length, 0);

/** Whether the form can be saved: a schedule needs at least one half-hour. */
export const planFormValid = (f: PlanFormState): boolean => f.mode !== 'schedule' || scheduledSlots(f.week) > 0;
