/** Native dialogs of the main process: the operator's answers that a web page must not be able to give itself. */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Messages } from './messages';

async function ask(parent: BrowserWindow | null, options: MessageBoxOptions): Promise<number> {
  const result = parent && !parent.isDestroyed() ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return result.response;
}

export async function confirmFirstUse(t: Messages, parent: BrowserWindow | null, origin: string, fingerprint: string): Promise<boolean> {
  const answer = await ask(parent, {
    type: 'warning',
    title: t.firstUseTitle,
    message: t.firstUseMessage(origin),
    detail: t.fingerprint(fingerprint),
    buttons: [t.cancel, t.trust],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return answer === 1;
}

export async function reportMismatch(t: Messages, parent: BrowserWindow | null, origin: string, pinned: string, presented: string): Promise<void> {
  await ask(parent, { type: 'error', title: t.mismatchTitle, message: t.mismatchMessage(origin), detail: t.mismatchDetail(pinned, presented), buttons: [t.quit], noLink: true });
}

export async function confirmGatewaySwitch(t: Messages, parent: BrowserWindow | null, origin: string): Promise<boolean> {
  const answer = await ask(parent, { type: 'question', title: t.switchTitle, message: t.switchMessage(origin), buttons: [t.cancel, t.switchNow], defaultId: 0, cancelId: 0, noLink: true });
  return answer === 1;
}

export function showFatal(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
