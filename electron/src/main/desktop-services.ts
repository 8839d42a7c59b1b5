/** Small OS services the console uses: notifications and keeping displays awake while walls are up. */
import { Notification, powerSaveBlocker } from 'electron';
import type { NotificationRequest } from '../../../contracts/src/desktop-ipc';

const live = new Set<Notification>();

/** Shows an OS notification; `onClick` brings the operator window forward. */
export function showNotification(request: NotificationRequest, onClick: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({
    title: request.title,
    body: request.body,
    urgency: request.urgency ?? 'normal',
    silent: request.silent ?? false,
    timeoutType: request.urgency === 'critical' ? 'never' : 'default',
  });
  live.add(notification); // keep a reference until it is gone, or a click may never arrive (GC)
  notification.on('click', onClick);
  notification.on('close', () => live.delete(notification));
  notification.show();
  return true;
}

let blockerId: number | null = null;

export function keepDisplaysAwake(on: boolean): void {
  if (on && blockerId === null) blockerId = powerSaveBlocker.start('prevent-display-sleep');
  else if (!on && blockerId !== null) {
    powerSaveBlocker.stop(blockerId);
    blockerId = null;
  }
}
