// A day timeline's arithmetic (pure): recorded ranges → percentage spans of 00:00–24:00 local time, and a click's x →
// the instant it points at. The day is the browser's local day, the same one the date field shows.

export interface TimeRange {
  startMs: number;
  endMs: number;
}

export interface Span {
  leftPct: number;
  widthPct: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' → the local day's bounds (a day of 23 or 25 hours where clocks change), or null when unreadable. */
export function dayBounds(day: string): TimeRange | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (start.getDate() !== Number(m[3])) return null;
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  return { startMs: start.getTime(), endMs: end.getTime() };
}

/** The local day ('YYYY-MM-DD') an instant falls on. */
export function dayOf(atMs: number): string {
  const d = new Date(atMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Ranges clipped to the day, as spans in percent of it; ranges outside the day are left out. */
export function rangeSpans(ranges: readonly TimeRange[], day: TimeRange): Span[] {
  const total = day.endMs - day.startMs;
  const out: Span[] = [];
  for (const r of ranges) {
    const start = Math.max(r.startMs, day.startMs);
    const end = Math.min(r.endMs, day.endMs);
    if (end <= start) continue;
    out.push({ leftPct: ((start - day.startMs) / total) * 100, widthPct: ((end - start) / total) * 100 });
  }
  return out;
}

/** Where an instant sits on the day, in percent (clamped to 0–100). */
export function timeToPct(atMs: number, day: TimeRange): number {
  const pct = ((atMs - day.startMs) / (day.endMs - day.startMs)) * 100;
  return Math.min(100, Math.max(0, pct));
}

/** A pointer's x within the timeline (pixels from its left edge, of `width`) → the instant, whole seconds, clamped to the day. */
export function xToTime(x: number, width: number, day: TimeRange): number {
  if (width <= 0) return day.startMs;
  const f = Math.min(1, Math.max(0, x / width));
  const at = day.startMs + f * (day.endMs - day.startMs);
  return Math.min(day.endMs - 1000, Math.floor(at / 1000) * 1000);
}

/** Whether an instant lies in one of the ranges (end exclusive). */
export function isRecordedAt(ranges: readonly TimeRange[], atMs: number): boolean {
  return ranges.some((r) => atMs >= r.startMs && atMs < r.endMs);
}

/** The zoom levels of the timeline: the whole day, an hour, ten minutes (with the tick step of each). */
export const ZOOMS = [
  { spanMs: 24 * 3600_000, tickMs: 3 * 3600_000 },
  { spanMs: 3600_000, tickMs: 10 * 60_000 },
  { spanMs: 10 * 60_000, tickMs: 2 * 60_000 },
] as const;

/**
 * The part of the day the timeline shows: all of it, or `spanMs` centred on the cursor (on the day's middle without
 * one), kept inside the day.
 */
export function viewRange(day: TimeRange, cursorMs: number | null, spanMs: number): TimeRange {
  if (spanMs >= day.endMs - day.startMs) return day;
  const centre = cursorMs !== null && cursorMs >= day.startMs && cursorMs < day.endMs ? cursorMs : (day.startMs + day.endMs) / 2;
  const startMs = Math.min(day.endMs - spanMs, Math.max(day.startMs, Math.round(centre - spanMs / 2)));
  return { startMs, endMs: startMs + spanMs };
}

/** Axis marks of a view: every `stepMs` of local time (whole steps from local midnight), HH:mm, with positions. */
export function viewTicks(view: TimeRange, stepMs: number, dayStartMs: number): Array<{ label: string; pct: number }> {
  const out: Array<{ label: string; pct: number }> = [];
  const first = dayStartMs + Math.ceil((view.startMs - dayStartMs) / stepMs) * stepMs;
  for (let at = first; at <= view.endMs; at += stepMs) {
    const minutes = Math.round((at - dayStartMs) / 60_000);
    out.push({ label: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`, pct: ((at - view.startMs) / (view.endMs - view.startMs)) * 100 });
  }
  return out;
}

/**
 * A click near a recorded range lands in it: on a day of 24 h one pixel is a minute or more, so a range of seconds is
 * a sliver the pointer rarely hits exactly. An instant outside every range moves to the nearest recorded one within
 * `toleranceMs` (a few pixels' worth); farther away it stays (and shows "no recording").
 */
export function snapToRecording(ranges: readonly TimeRange[], atMs: number, toleranceMs: number): number {
  if (isRecordedAt(ranges, atMs)) return atMs;
  let best = atMs;
  let bestDistance = toleranceMs;
  for (const r of ranges) {
    // Into the range by a second at most (not its very last instant, which has no picture after it).
    const candidate = atMs < r.startMs ? r.startMs : Math.max(r.startMs, r.endMs - 1000);
    const distance = Math.abs(candidate - atMs);
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Alarms inside the view as positions (%), oldest first: the timeline's markers. */
export function markerSpots<T extends { atMs: number }>(alarms: readonly T[], view: TimeRange): Array<T & { pct: number }> {
  return alarms
    .filter((a) => a.atMs >= view.startMs && a.atMs < view.endMs)
    .sort((a, b) => a.atMs - b.atMs)
    .map((a) => ({ ...a, pct: timeToPct(a.atMs, view) }));
}
