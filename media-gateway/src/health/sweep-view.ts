import type { SweepOverload, SweepReport } from './health-monitor';

/** The last sweep as one caller may see it: a scoped user's counts cover only the cameras of their units. */
export interface SweepView {
  startedAt: number;
  durationMs: number;
  checked: number;
  online: number;
  offline: number;
  skipped: number;
  /** true when the counts are limited to the caller's org units (the duration is still the whole sweep's). */
  scoped: boolean;
  /** Set when the sweep measured an overloaded gateway (ran past its interval, or its event loop stalled): it declared nobody offline. */
  overloaded: SweepOverload | null;
  eventLoopLagMs: number;
}

/** `visible` null: every unit (county-wide figures). */
export function sweepView(report: SweepReport, visible: ReadonlySet<string> | null): SweepView {
  const base = { startedAt: report.startedAt, durationMs: report.durationMs, overloaded: report.overloaded, eventLoopLagMs: report.eventLoopLagMs };
  if (!visible) return { ...base, checked: report.checked, online: report.online, offline: report.offline, skipped: report.skipped, scoped: false };
  const view: SweepView = { ...base, checked: 0, online: 0, offline: 0, skipped: 0, scoped: true };
  for (const [unit, c] of Object.entries(report.byOrgUnit)) {
    if (!visible.has(unit)) continue;
    view.checked += c.checked;
    view.online += c.online;
    view.offline += c.offline;
    view.skipped += c.skipped;
  }
  return view;
}
