// New alarms, told to the desktop shell by the operator window: the alarm window (if the operator placed one on a
// display in 大屏设置) comes forward, and while the console itself is hidden (minimised, behind other windows) the
// first alarm of the batch is an OS notification. In a browser there is no shell and nothing happens here.
// Whether the alarm window is open is kept here too: while it is, the pop-up (and its sound) is there, and the
// operator window's dock stays a collapsed count.
import { useSyncExternalStore } from 'react';
import type { DesktopApi } from './desktop-bridge';

let alarmWindowOpen = false;
const listeners = new Set<() => void>();

/** What the shell last said about the alarm window (its status, or the answer to a raise). */
export function noteAlarmWindow(open: boolean): void {
  if (alarmWindowOpen === open) return;
  alarmWindowOpen = open;
  for (const listener of listeners) listener();
}

const readOpen = () => alarmWindowOpen;

export function useAlarmWindowOpen(): boolean {
  return useSyncExternalStore((l) => (listeners.add(l), () => void listeners.delete(l)), readOpen, readOpen);
}

/** At start: is an alarm window open (false in a browser, or when the shell does not answer). */
export async function checkAlarmWindow(api: DesktopApi | null): Promise<void> {
  if (!api) return;
  noteAlarmWindow(await api.alarmWindow.get().then((s) => s.open, () => false));
}

export interface AlarmAnnouncement {
  title: string;
  body: string;
  critical: boolean;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function announceToDesktop(api: DesktopApi | null, alarms: readonly AlarmAnnouncement[], consoleHidden: boolean): Promise<void> {
  const first = alarms[0];
  if (!api || !first) return;
  // A shell refusal must not disturb the alarm centre: the dock already shows the alarm.
  noteAlarmWindow(await api.alarmWindow.raise().then((r) => r.raised, () => false));
  if (!consoleHidden) return;
  const title = clip(first.title.trim() || '—', 120);
  await api.notify.show({ title, body: clip(first.body, 500), urgency: alarms.some((a) => a.critical) ? 'critical' : 'normal' }).catch(() => undefined);
}
