// New alarms, told to the desktop shell by the operator window: the alarm window (if the operator placed one on a
// display in 大屏设置) comes forward, and while the console itself is hidden (minimised, behind other windows) the
// first alarm of the batch is an OS notification. In a browser there is no shell and nothing happens here.
import type { DesktopApi } from './desktop-bridge';

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
  await api.alarmWindow.raise().catch(() => undefined);
  if (!consoleHidden) return;
  const title = clip(first.title.trim() || '—', 120);
  await api.notify.show({ title, body: clip(first.body, 500), urgency: alarms.some((a) => a.critical) ? 'critical' : 'normal' }).catch(() => undefined);
}
