import { describe, expect, it } from 'vitest';
import { advance, interrupt, nextChangeAt, pageCount, pause, preloadAt, resize, resume, startTour, tourCameras, TourScheduler, upcomingCameras, type TourClock, type TourState } from './tour-scheduler';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i + 1}`);

/** A clock whose time only moves when the test says so, firing due timers in order. */
class FakeClock implements TourClock {
  time = 1_000_000;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  tick(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
  get pending() {
    return this.timers.length;
  }
}

describe('tour state machine', () => {
  const plan = { cameraIds: ids(10), slots: 4, dwellMs: 10_000 };

  it('pages: cells take the cameras a page at a time, the last page partly empty', () => {
    const s = startTour(plan, 0);
    expect(s.pages).toBe(3);
    expect(tourCameras(s)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(tourCameras({ ...s, page: 2 })).toEqual(['c9', 'c10', null, null]);
    expect(pageCount({ cameraIds: [], slots: 4 })).toBe(1);
  });

  it('turns a page every dwell and wraps around', () => {
    let s = startTour(plan, 0);
    s = advance(s, 9_999);
    expect(s.page).toBe(0);
    s = advance(s, 10_000);
    expect(s.page).toBe(1);
    s = advance(s, 20_000);
    expect(s.page).toBe(2);
    s = advance(s, 30_000);
    expect(s.page).toBe(0);
    expect(nextChangeAt(s)).toBe(40_000);
  });

  it('catches up several dwells at once (a sleeping laptop) without drifting', () => {
    const s = advance(startTour(plan, 0), 45_000);
    expect(s.page).toBe(1); // 4 turns: 1, 2, 0, 1
    expect(s.nextAt).toBe(50_000);
  });

  it('pause keeps the dwell left; resume continues from there', () => {
    let s = startTour(plan, 0);
    s = pause(s, 4_000);
    expect(s).toMatchObject({ phase: 'paused', nextAt: null, remainingMs: 6_000 });
    expect(advance(s, 100_000)).toBe(s);
    s = resume(s, 100_000);
    expect(s).toMatchObject({ phase: 'running', nextAt: 106_000, page: 0 });
    expect(advance(s, 106_000).page).toBe(1);
    expect(pause(pause(s, 101_000), 102_000).remainingMs).toBe(5_000);
  });

  it('interrupt shows the alarm cameras first until the given time, then the tour carries on', () => {
    let s: TourState = advance(startTour(plan, 0), 13_000); // page 1, 7 s left
    s = interrupt(s, ['alarm-1', 'c6'], 60_000, 13_000);
    expect(tourCameras(s)).toEqual(['alarm-1', 'c6', 'c5', 'c7']);
    expect(nextChangeAt(s)).toBe(60_000);
    expect(advance(s, 59_999).interrupt).not.toBeNull();
    s = advance(s, 60_000);
    expect(s.interrupt).toBeNull();
    expect(s.page).toBe(1);
    expect(s.nextAt).toBe(67_000);
    expect(advance(s, 67_000).page).toBe(2);
  });

  it('resume ends an interrupt early; a paused tour stays paused after an interrupt', () => {
    let s = interrupt(startTour(plan, 0), ['a'], 30_000, 2_000);
    s = resume(s, 5_000);
    expect(s).toMatchObject({ interrupt: null, phase: 'running', nextAt: 13_000 });
    let p = pause(startTour(plan, 0), 1_000);
    p = interrupt(p, ['a'], 30_000, 2_000);
    p = advance(p, 30_000);
    expect(p).toMatchObject({ interrupt: null, phase: 'paused', nextAt: null, remainingMs: 9_000 });
  });

  it('ignores an interrupt without cameras or already over', () => {
    const s = startTour(plan, 0);
    expect(interrupt(s, [], 10_000, 0)).toBe(s);
    expect(interrupt(s, ['a'], 0, 0)).toBe(s);
  });

  it('preload: the next page from 5 s before the turn (half the dwell at most), nothing while paused or interrupted', () => {
    const t0 = 1_000_000;
    const s = startTour({ cameraIds: ids(6), slots: 4, dwellMs: 10_000 }, t0);
    expect(preloadAt(s)).toBe(t0 + 5000);
    expect(upcomingCameras(s, t0 + 4999)).toBeNull();
    expect(upcomingCameras(s, t0 + 5000)).toEqual(['c5', 'c6', null, null]);
    // on page 2 the next page wraps to page 1
    const p2 = advance(s, t0 + 10_000);
    expect(upcomingCameras(p2, t0 + 15_000)).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(upcomingCameras(pause(s, t0 + 6000), t0 + 6000)).toBeNull();
    expect(upcomingCameras(interrupt(s, ['c9'], t0 + 60_000, t0 + 6000), t0 + 6000)).toBeNull();
    // a short dwell warms for half of it; a one-page tour has nothing to warm
    expect(preloadAt(startTour({ cameraIds: ids(8), slots: 4, dwellMs: 4000 }, t0))).toBe(t0 + 2000);
    expect(preloadAt(startTour({ cameraIds: ids(4), slots: 4, dwellMs: 10_000 }, t0))).toBeNull();
  });

  it('preload skips cells whose camera stays the same', () => {
    const s = startTour({ cameraIds: ['a', 'b', 'a', 'c'], slots: 2, dwellMs: 10_000 }, 0);
    expect(upcomingCameras(s, 5000)).toEqual([null, 'c']);
  });

  it('resize keeps about the same cameras when the layout changes', () => {
    const s = advance(startTour(plan, 0), 20_000); // page 2 of 4-cell pages: c9, c10
    const r = resize(s, 9, 20_000);
    expect(r.pages).toBe(2);
    expect(r.page).toBe(0);
    expect(tourCameras(r)).toHaveLength(9);
    expect(resize(r, 9, 20_000)).toBe(r);
  });
});

describe('TourScheduler on a fake clock', () => {
  it('runs, pauses, resumes, is interrupted and stops', () => {
    const clock = new FakeClock();
    const seen: number[] = [];
    const s = new TourScheduler({ cameraIds: ids(9), slots: 4, dwellMs: 5_000 }, clock, (state) => seen.push(state.page));
    expect(s.state.page).toBe(0);
    clock.tick(5_000);
    expect(s.state.page).toBe(1);
    clock.tick(5_000);
    expect(s.state.page).toBe(2);
    clock.tick(5_000);
    expect(s.state.page).toBe(0); // wrapped
    s.pause();
    clock.tick(60_000);
    expect(s.state.page).toBe(0);
    s.resume();
    clock.tick(4_999);
    expect(s.state.page).toBe(0);
    clock.tick(1);
    expect(s.state.page).toBe(1);
    s.interrupt(['alarm'], clock.now() + 20_000);
    expect(tourCameras(s.state)[0]).toBe('alarm');
    clock.tick(19_999);
    expect(s.state.interrupt).not.toBeNull();
    clock.tick(1);
    expect(s.state.interrupt).toBeNull();
    expect(s.state.page).toBe(1);
    clock.tick(5_000);
    expect(s.state.page).toBe(2);
    expect(seen).toContain(2);
    s.stop();
    expect(clock.pending).toBe(0);
    clock.tick(60_000);
    expect(s.state.page).toBe(2);
    s.resume(); // nothing after stop
    expect(clock.pending).toBe(0);
  });
});
