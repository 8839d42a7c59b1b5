// Pure: how the console announces arriving alarms to this user (issue 13). Someone who may act on alarms
// (`alarm.act`) gets the dock opened, the loudest sound and the rules' tour interruption; anyone else (a technician,
// a viewer) gets none of these — a pop-up they cannot acknowledge and a siren they cannot stop would only interrupt
// their work — but a quiet count in the top bar and the alarm list, read-only. The gateway refuses their actions too.
import type { AlarmDto, AlarmSound } from '../../../../contracts/src/alarm';
import type { Role } from '../../../../contracts/src/auth';
import { roleHas } from '../../../../contracts/src/permissions';
import { loudest } from './alarm-sound';

export type AlarmAttention = 'popup' | 'quiet';

export function alarmAttention(role: Role): AlarmAttention {
  return roleHas(role, 'alarm.act') ? 'popup' : 'quiet';
}

export interface Announcement {
  /** Open (un-collapse) the alarm dock. */
  open: boolean;
  sound: AlarmSound;
  /** Cameras a running tour should show first (rules with `interruptTour`). */
  interruptCameras: string[];
  /** Alarms that interrupted the tour (it resumes once none is `new`). */
  interruptedBy: string[];
}

const NOTHING: Announcement = { open: false, sound: 'none', interruptCameras: [], interruptedBy: [] };

/** What a batch of fresh (`new`) arrivals does on this console. */
export function announce(attention: AlarmAttention, fresh: readonly AlarmDto[], opts: { muted: boolean; tourRunning: boolean }): Announcement {
  if (attention === 'quiet' || fresh.length === 0) return NOTHING;
  const urgent = opts.tourRunning ? fresh.filter((a) => a.actions[0]?.interruptTour && a.cameraId) : [];
  return {
    open: true,
    sound: opts.muted ? 'none' : loudest(fresh),
    interruptCameras: [...new Set(urgent.flatMap((a) => (a.cameraIds.length ? a.cameraIds : [a.cameraId!])))],
    interruptedBy: urgent.map((a) => a.id),
  };
}
