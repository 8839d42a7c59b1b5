import { useCallback, useEffect, useMemo, useRef } from 'react';
import { PTZ_MOVE_REPEAT_MS } from '../../../../contracts/src/ptz';
import { isStopped, sameVelocity, STOPPED, type PtzVelocity } from './ptz-math';
import type { PtzApi } from './ptz-api';

export interface PtzDrive {
  /** Steer at this velocity until told otherwise (repeated while held, so the gateway's auto-stop stays off). */
  set(v: PtzVelocity): void;
  /** Release: one Stop if the camera was being moved (`force`: send it anyway, the Stop button). */
  stop(force?: boolean): void;
  /** A short move (one wheel notch): `v` for `ms`, then stop unless something else took over. */
  pulse(v: PtzVelocity, ms: number): void;
}

/**
 * Turns "the operator holds this velocity" into gateway calls: a move at once, the same move every
 * PTZ_MOVE_REPEAT_MS while held (the gateway stops the camera ~1 s after the last one, so a lost window never leaves a
 * camera spinning), and one stop on release, on blur, on hiding the page and on unmount.
 */
export function usePtzDrive(api: PtzApi, cameraId: string, onError: (error: unknown) => void): PtzDrive {
  const current = useRef<PtzVelocity>(STOPPED);
  const repeat = useRef<ReturnType<typeof setInterval> | null>(null);
  const pulseTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const errorRef = useRef(onError);
  useEffect(() => {
    errorRef.current = onError;
  }, [onError]);

  const clearTimers = useCallback(() => {
    if (repeat.current) clearInterval(repeat.current);
    repeat.current = null;
    if (pulseTimer.current) clearTimeout(pulseTimer.current);
    pulseTimer.current = null;
  }, []);

  const stop = useCallback((force = false) => {
    clearTimers();
    if (isStopped(current.current) && !force) return;
    current.current = STOPPED;
    api.stop(cameraId).catch((e: unknown) => errorRef.current(e));
  }, [api, cameraId, clearTimers]);

  const set = useCallback(
    (v: PtzVelocity) => {
      if (isStopped(v)) return stop();
      if (pulseTimer.current) {
        clearTimeout(pulseTimer.current);
        pulseTimer.current = null;
      }
      if (sameVelocity(v, current.current) && repeat.current) return;
      current.current = v;
      const send = () =>
        api.move(cameraId, current.current).catch((e: unknown) => {
          clearTimers();
          current.current = STOPPED;
          errorRef.current(e);
        });
      void send();
      if (!repeat.current) repeat.current = setInterval(() => void send(), PTZ_MOVE_REPEAT_MS);
    },
    [api, cameraId, stop, clearTimers],
  );

  const pulse = useCallback(
    (v: PtzVelocity, ms: number) => {
      set(v);
      if (pulseTimer.current) clearTimeout(pulseTimer.current);
      pulseTimer.current = setTimeout(() => {
        pulseTimer.current = null;
        stop();
      }, ms);
    },
    [set, stop],
  );

  useEffect(() => {
    const onBlur = () => stop();
    const onHide = () => {
      if (document.visibilityState === 'hidden') stop();
    };
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onHide);
      stop();
    };
  }, [stop]);

  return useMemo(() => ({ set, stop, pulse }), [set, stop, pulse]);
}
