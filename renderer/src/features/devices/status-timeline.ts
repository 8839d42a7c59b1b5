// A camera's status history as a timeline bar (pure): consecutive spans of one status across the period, each with
// its share of the bar, from the gateway's GET /api/v1/cameras/:id/status-history.
import type { CameraStatus } from '../../../../contracts/src/camera';
import type { CameraStatusHistory } from '../../../../contracts/src/camera-status-history';

export interface TimelineSegment {
  status: CameraStatus;
  start: number;
  end: number;
  /** Share of the whole period, 0–1. */
  fraction: number;
}

export const TIMELINE_RANGES = { day: 86_400_000, week: 7 * 86_400_000 } as const;
export type TimelineRange = keyof typeof TIMELINE_RANGES;

/** The spans of the bar, in time order, without gaps: the period starts in `initialStatus` and each event switches it. */
export function timelineSegments(h: Pick<CameraStatusHistory, 'from' | 'to' | 'initialStatus' | 'events'>): TimelineSegment[] {
  const from = Date.parse(h.from);
  const to = Date.parse(h.to);
  const span = to - from;
  if (!(span > 0)) return [];
  const out: TimelineSegment[] = [];
  const push = (status: CameraStatus, start: number, end: number) => {
    if (end <= start) return;
    const last = out[out.length - 1];
    if (last && last.status === status && last.end === start) last.end = end;
    else out.push({ status, start, end, fraction: 0 });
  };
  let status = h.initialStatus;
  let cursor = from;
  for (const e of h.events) {
    const at = Math.min(Math.max(Date.parse(e.at), cursor), to);
    push(status, cursor, at);
    status = e.status;
    cursor = at;
  }
  push(status, cursor, to);
  for (const s of out) s.fraction = (s.end - s.start) / span;
  return out;
}

/** Uptime as the console shows it: one decimal, "—" when nothing is known about the period. */
export function formatUptime(uptime: number | null): string {
  return uptime === null ? '—' : `${(Math.floor(uptime * 1000) / 10).toFixed(1)}%`;
}
