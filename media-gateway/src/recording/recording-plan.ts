// A camera's recording plan (issue 14) and when it wants the camera recorded. Pure: the clock and the time zone are
// arguments, so a schedule's half-hours are tested without waiting for them.
import { z } from 'zod';

const profile = z.enum(['main', 'sub']).default('main');
/** Days kept; absent = the default for the camera's category (retention, next increment). */
const retentionDays = z.number().int().min(1).max(3650).optional();

/** Monday first; each day 48 characters, '1' = record that half-hour (00:00–00:30 is the first). */
const weekGrid = z.array(z.string().regex(/^[01]{48}$/, 'must be 48 characters of 0 and 1 (one per half-hour)')).length(7, 'must list 7 days, Monday first');

export const recordingPlanSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }).strict(),
  z.object({ mode: z.literal('continuous'), profile, retentionDays }).strict(),
  z.object({ mode: z.literal('schedule'), profile, retentionDays, week: weekGrid }).strict(),
  z
    .object({
      mode: z.literal('event'),
      profile,
      retentionDays,
      /** Seconds before the event kept (only when the stream was already running: the packager's window). */
      preSec: z.number().int().min(0).max(60).default(10),
      postSec: z.number().int().min(1).max(600).default(30),
    })
    .strict(),
]);

export type RecordingPlan = z.infer<typeof recordingPlanSchema>;
export type RecordingMode = RecordingPlan['mode'];

export const NO_PLAN: RecordingPlan = { mode: 'none' };

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday (0 = Monday) and half-hour (0–47) of an instant in a time zone (the county's, not the server's). */
export function weekSlot(atMs: number, timeZone: string): { day: number; halfHour: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(atMs));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS.indexOf(get('weekday')), halfHour: Number(get('hour')) * 2 + (Number(get('minute')) >= 30 ? 1 : 0) };
}

/** Whether the plan wants the camera recorded continuously at this instant (events start recordings of their own). */
export function wantsContinuous(plan: RecordingPlan, atMs: number, timeZone: string): boolean {
  switch (plan.mode) {
    case 'continuous':
      return true;
    case 'schedule': {
      const { day, halfHour } = weekSlot(atMs, timeZone);
      return plan.week[day]?.[halfHour] === '1';
    }
    default:
      return false;
  }
}

/** The time zone schedules are read in when the configuration does not name one: this machine's. */
export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
