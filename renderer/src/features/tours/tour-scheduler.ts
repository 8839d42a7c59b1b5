// 轮巡: the cells of the current layout cycle through a tour's cameras page by page, one page per dwell. The state
// machine is pure (time is a parameter); TourScheduler drives it with an injected clock. An alarm can interrupt the
// tour with its own cameras until a given time; the tour then carries on where it was, with the dwell it had left.

export interface TourPlan {
  cameraIds: readonly string[];
  /** Cells of the layout the tour runs on. */
  slots: number;
  dwellMs: number;
}

export interface TourInterrupt {
  cameraIds: readonly string[];
  until: number;
}

export interface TourState {
  plan: TourPlan;
  /** 0-based page shown (or shown again after an interrupt). */
  page: number;
  pages: number;
  phase: 'running' | 'paused';
  /** When the page changes next; null while paused or interrupted. */
  nextAt: number | null;
  /** Dwell left for the current page while paused or interrupted. */
  remainingMs: number;
  interrupt: TourInterrupt | null;
}

export function pageCount(plan: Pick<TourPlan, 'cameraIds' | 'slots'>): number {
  return Math.max(1, Math.ceil(plan.cameraIds.length / Math.max(1, plan.slots)));
}

function normalisePlan(plan: TourPlan): TourPlan {
  return { cameraIds: [...plan.cameraIds], slots: Math.max(1, Math.floor(plan.slots)), dwellMs: Math.max(1000, plan.dwellMs) };
}

export function startTour(plan: TourPlan, now: number): TourState {
  const p = normalisePlan(plan);
  return { plan: p, page: 0, pages: pageCount(p), phase: 'running', nextAt: now + p.dwellMs, remainingMs: p.dwellMs, interrupt: null };
}

/** Catches up with the clock: ends an interrupt whose time is up, turns as many pages as whole dwells elapsed. */
export function advance(state: TourState, now: number): TourState {
  let s = state;
  if (s.interrupt && now >= s.interrupt.until) s = endInterrupt(s, s.interrupt.until);
  if (s.interrupt || s.phase !== 'running' || s.nextAt === null || now < s.nextAt) return s;
  const steps = 1 + Math.floor((now - s.nextAt) / s.plan.dwellMs);
  const nextAt = s.nextAt + steps * s.plan.dwellMs;
  return { ...s, page: (s.page + steps) % s.pages, nextAt, remainingMs: nextAt - now };
}

export function pause(state: TourState, now: number): TourState {
  const s = advance(state, now);
  if (s.phase === 'paused') return s;
  return { ...s, phase: 'paused', remainingMs: s.nextAt === null ? s.remainingMs : Math.max(0, s.nextAt - now), nextAt: null };
}

/** Resumes a paused tour, and ends an interrupt early (the operator has seen the alarm). */
export function resume(state: TourState, now: number): TourState {
  let s = advance(state, now);
  if (s.interrupt) s = endInterrupt(s, now);
  if (s.phase === 'running') return s;
  return { ...s, phase: 'running', nextAt: now + s.remainingMs };
}

export function interrupt(state: TourState, cameraIds: readonly string[], until: number, now: number): TourState {
  const s = advance(state, now);
  if (until <= now || cameraIds.length === 0) return s;
  const remainingMs = s.nextAt === null ? s.remainingMs : Math.max(0, s.nextAt - now);
  return { ...s, nextAt: null, remainingMs, interrupt: { cameraIds: [...cameraIds], until } };
}

export function endInterrupt(state: TourState, now: number): TourState {
  if (!state.interrupt) return state;
  return { ...state, interrupt: null, nextAt: state.phase === 'running' ? now + state.remainingMs : null };
}

/** The layout changed under a running tour: keep showing (about) the same cameras on the new number of cells. */
export function resize(state: TourState, slots: number, now: number): TourState {
  const s = advance(state, now);
  const n = Math.max(1, Math.floor(slots));
  if (n === s.plan.slots) return s;
  const plan = { ...s.plan, slots: n };
  const pages = pageCount(plan);
  return { ...s, plan, pages, page: Math.min(pages - 1, Math.floor((s.page * s.plan.slots) / n)) };
}

/** When the picture changes next (page turn or end of an interrupt); null while paused. */
export function nextChangeAt(state: TourState): number | null {
  return state.interrupt ? state.interrupt.until : state.nextAt;
}

/** Camera per cell now: the page's cameras; during an interrupt its cameras first, then the rest of the page. */
export function tourCameras(state: TourState): (string | null)[] {
  const { slots, cameraIds } = state.plan;
  const page = cameraIds.slice(state.page * slots, state.page * slots + slots);
  let shown: string[] = page;
  if (state.interrupt) {
    const urgent = state.interrupt.cameraIds.slice(0, slots);
    shown = [...urgent, ...page.filter((id) => !urgent.includes(id))].slice(0, slots);
  }
  return Array.from({ length: slots }, (_, i) => shown[i] ?? null);
}

/** Warm the next page's streams this long before the turn, so a cold camera is up when its tile appears. */
export const PRELOAD_LEAD_MS = 5000;

/** At most half a dwell: two pages' streams overlap for a bounded share of the tour. */
export function preloadLeadMs(dwellMs: number): number {
  return Math.min(PRELOAD_LEAD_MS, dwellMs / 2);
}

/** When to start warming the next page; null when no turn is scheduled (paused, interrupted, one page only). */
export function preloadAt(state: TourState): number | null {
  if (state.interrupt || state.phase !== 'running' || state.nextAt === null || state.pages <= 1) return null;
  return state.nextAt - preloadLeadMs(state.plan.dwellMs);
}

/** Camera per cell after the next turn; a cell whose camera stays the same is null (nothing to warm). */
export function nextPageCameras(state: TourState): (string | null)[] {
  const now = tourCameras(state);
  const next = tourCameras({ ...state, page: (state.page + 1) % state.pages, interrupt: null });
  return next.map((id, i) => (id !== null && id !== now[i] ? id : null));
}

/** What to warm at `now`: the next page's cameras inside the lead window, else null. */
export function upcomingCameras(state: TourState, now: number): (string | null)[] | null {
  const at = preloadAt(state);
  return at !== null && now >= at ? nextPageCameras(state) : null;
}

export interface TourClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTourClock: TourClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs the state machine on a clock: one timer, armed for the next change; listeners hear every change. */
export class TourScheduler {
  private current: TourState;
  private timer: unknown = null;
  private stopped = false;

  constructor(
    plan: TourPlan,
    private readonly clock: TourClock,
    private readonly onChange: (state: TourState) => void = () => undefined,
  ) {
    this.current = startTour(plan, clock.now());
    this.arm();
  }

  get state(): TourState {
    return this.current;
  }

  pause(): void {
    this.apply((s, now) => pause(s, now));
  }

  resume(): void {
    this.apply((s, now) => resume(s, now));
  }

  /** Shows these cameras (an alarm) until `until` (ms since epoch, same clock), then the tour carries on. */
  interrupt(cameraIds: readonly string[], until: number): void {
    this.apply((s, now) => interrupt(s, cameraIds, until, now));
  }

  resize(slots: number): void {
    this.apply((s, now) => resize(s, slots, now));
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private apply(step: (s: TourState, now: number) => TourState): void {
    if (this.stopped) return;
    const next = step(this.current, this.clock.now());
    if (next !== this.current) {
      this.current = next;
      this.onChange(next);
    }
    this.arm();
  }

  private arm(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    const at = nextChangeAt(this.current);
    if (at === null || this.stopped) return;
    this.timer = this.clock.setTimeout(() => this.apply((s, now) => advance(s, now)), Math.max(0, at - this.clock.now()));
  }
}
