import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browserTourClock, preloadAt, tourCameras, TourScheduler, upcomingCameras, type TourClock, type TourState } from './tour-scheduler';

export interface RunningTour {
  id: string;
  name: string;
  state: TourState;
}

export interface TourRunner {
  running: RunningTour | null;
  /** Camera per cell while a tour runs; null otherwise (the layout's own cameras show). */
  cameras: (string | null)[] | null;
  /** Camera per cell of the next page during the few seconds before the turn (null otherwise): warm these streams. */
  upcoming: (string | null)[] | null;
  start: (tour: { id: string; name: string; dwellSec: number }, cameraIds: readonly string[]) => void;
  stop: () => void;
  pause: () => void;
  resume: () => void;
  /** An alarm takes the first cells until `until` (ms since epoch); the tour then carries on. */
  interrupt: (cameraIds: readonly string[], until: number) => void;
}

/** Runs one tour at a time on the current layout's `slots` cells. */
export function useTourRunner(slots: number, clock: TourClock = browserTourClock): TourRunner {
  const scheduler = useRef<TourScheduler | null>(null);
  const [running, setRunning] = useState<RunningTour | null>(null);
  const slotsRef = useRef(slots);
  slotsRef.current = slots;

  const stop = useCallback(() => {
    scheduler.current?.stop();
    scheduler.current = null;
    setRunning(null);
  }, []);

  const start = useCallback(
    (tour: { id: string; name: string; dwellSec: number }, cameraIds: readonly string[]) => {
      scheduler.current?.stop();
      const s = new TourScheduler({ cameraIds, slots: slotsRef.current, dwellMs: tour.dwellSec * 1000 }, clock, (state) => {
        if (scheduler.current === s) setRunning({ id: tour.id, name: tour.name, state });
      });
      scheduler.current = s;
      setRunning({ id: tour.id, name: tour.name, state: s.state });
    },
    [clock],
  );

  useEffect(() => {
    scheduler.current?.resize(slots);
  }, [slots]);
  useEffect(() => () => scheduler.current?.stop(), []);

  // The next page's streams, from a few seconds before the turn until it happens (or the tour pauses/stops).
  const [upcoming, setUpcoming] = useState<(string | null)[] | null>(null);
  const tourState = running?.state ?? null;
  useEffect(() => {
    setUpcoming(null);
    const at = tourState ? preloadAt(tourState) : null;
    if (!tourState || at === null) return;
    const handle = clock.setTimeout(() => setUpcoming(upcomingCameras(tourState, clock.now())), Math.max(0, at - clock.now()));
    return () => clock.clearTimeout(handle);
  }, [tourState, clock]);

  const pause = useCallback(() => scheduler.current?.pause(), []);
  const resume = useCallback(() => scheduler.current?.resume(), []);
  const interrupt = useCallback((cameraIds: readonly string[], until: number) => scheduler.current?.interrupt(cameraIds, until), []);
  const cameras = useMemo(() => (running ? tourCameras(running.state) : null), [running]);
  return useMemo(() => ({ running, cameras, upcoming, start, stop, pause, resume, interrupt }), [running, cameras, upcoming, start, stop, pause, resume, interrupt]);
}
