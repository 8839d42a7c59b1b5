/** Availability from a status history: the share of the known time in [from, to) that a camera was online. */
export interface StatusEvent {
  cameraId: string;
  status: 'online' | 'offline' | 'unknown';
  at: number;
}

export interface CameraAvailability {
  online: number;
  known: number;
}

/**
 * `before` holds each camera's last event before `from` (its state when the period starts); `within` the events
 * inside the period, sorted by time. Unknown time counts neither way.
 */
export function computeAvailability(before: StatusEvent[], within: StatusEvent[], from: number, to: number): Map<string, CameraAvailability> {
  const state = new Map<string, { status: StatusEvent['status']; since: number }>();
  const out = new Map<string, CameraAvailability>();
  const credit = (cameraId: string, status: StatusEvent['status'], ms: number) => {
    const a = out.get(cameraId) ?? { online: 0, known: 0 };
    if (status !== 'unknown') a.known += ms;
    if (status === 'online') a.online += ms;
    out.set(cameraId, a);
  };
  for (const e of before) state.set(e.cameraId, { status: e.status, since: from });
  for (const e of within) {
    const s = state.get(e.cameraId);
    if (s) credit(e.cameraId, s.status, e.at - s.since);
    state.set(e.cameraId, { status: e.status, since: e.at });
  }
  for (const [cameraId, s] of state) credit(cameraId, s.status, to - s.since);
  return out;
}

export function rate(a: CameraAvailability | undefined): number | null {
  return a && a.known > 0 ? a.online / a.known : null;
}
