// A camera's status history over a period and its uptime (GET /api/v1/cameras/:id/status-history?from&to).
import { z } from 'zod';
import type { CameraStatus } from './camera';

/** The longest period one request may ask for: the console shows 24 h or 7 days; a quarter covers a report. */
export const STATUS_HISTORY_MAX_DAYS = 92;
const DAY_MS = 86_400_000;

const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** `from` and `to` are ISO 8601 instants; `to` defaults to now and `from` to 24 h before `to`. */
export const statusHistoryQuerySchema = z.object({ from: instant.optional(), to: instant.optional() }).strict();
export type StatusHistoryQuery = z.infer<typeof statusHistoryQuerySchema>;

/** The period a query asks for, with its defaults, or what is wrong with it (always about `from`). */
export function statusHistoryPeriod(q: StatusHistoryQuery, now: number): { from: number; to: number } | { error: string } {
  const to = q.to ?? now;
  const from = q.from ?? to - DAY_MS;
  if (from >= to) return { error: 'must be before to' };
  if (to - from > STATUS_HISTORY_MAX_DAYS * DAY_MS) return { error: `the period may span at most ${STATUS_HISTORY_MAX_DAYS} days` };
  return { from, to };
}

/** One recorded change of status. `reasonCode` is a contracts CameraReasonCode (null for online, and for rows recorded before codes were kept). */
export interface StatusHistoryEvent {
  status: CameraStatus;
  at: string;
  reasonCode: string | null;
  /** The gateway's English wording, for a code this console does not know. */
  reason: string | null;
}

export interface CameraStatusHistory {
  cameraId: string;
  from: string;
  to: string;
  /** The status when the period starts (the last change before it), `unknown` when none was recorded. */
  initialStatus: CameraStatus;
  /** Changes inside [from, to), oldest first. */
  events: StatusHistoryEvent[];
  /** Milliseconds online and with a known status (online or offline) in the period. */
  onlineMs: number;
  knownMs: number;
  /** onlineMs / knownMs; null when nothing is known about the period. */
  uptime: number | null;
}
