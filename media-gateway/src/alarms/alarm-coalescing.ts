import type { AlarmState } from '../../../contracts/src/alarm';
import { isOpen } from './alarm-state-machine';

/** The newest alarm of a camera and type, as the coalescing lookup finds it. */
export interface CoalesceCandidate {
  id: string;
  state: AlarmState;
  lastAt: number;
}

/**
 * Storm control: an event for a camera + type folds into that camera's alarm of the same type while the alarm is
 * open (new/acknowledged) and was last seen within the window (a sliding window: a storm that keeps going stays one
 * alarm). Alarms without a camera never coalesce (two reports about one village are two matters).
 * Returns the id of the alarm to bump, or null to raise a new one.
 */
export function coalesceInto(cameraId: string | null, candidate: CoalesceCandidate | null, at: number, windowMs: number): string | null {
  if (cameraId === null || candidate === null || windowMs <= 0) return null;
  if (!isOpen(candidate.state)) return null;
  return at - candidate.lastAt <= windowMs ? candidate.id : null;
}
