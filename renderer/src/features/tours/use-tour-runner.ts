import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { browserTourClock, tourCameras, TourScheduler, type TourClock, type TourState } from './tour-scheduler';

export interface RunningTour {
  id: string;
  name: string;
  state: TourState;
}

export interface TourRunner {
  running: RunningTour | null;
  /** Camera per cell while a tour runs; null otherwise (the layout's own cameras show). */
  cameras: (string | null)[] | null;
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

  const pause = useCallback(() => scheduler.current?.pause(), []);
  const resume = useCallback(() => scheduler.current?.resume(), []);
  const interrupt = useCallback((cameraIds: readonly string[], until: number) => scheduler.current?.interrupt(cameraIds, until), []);
  const cameras = useMemo(() => (running ? tourCameras(running.state) : null), [running]);
  return useMemo(() => ({ running, cameras, start, stop, pause, resume, interrupt }), [running, cameras, start, stop, pause, resume, interrupt]);
}
