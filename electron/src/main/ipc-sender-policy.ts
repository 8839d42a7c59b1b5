/**
 * Who may call IPC (Electron security checklist: validate the sender of all IPC messages). A sender is trusted only
 * as a top-level frame of the configured gateway origin, or as the shell's own packaged setup page (exact file URL);
 * any other origin, any other file:// page, sub-frames and unknown frames are rejected.
 */
import { IPC_CHANNELS, type IpcChannel, type SenderScope } from '../../../contracts/src/desktop-ipc';

export interface TrustedSenders {
  /** Normalised gateway origin, null before the first start has found one. */
  gatewayOrigin: string | null;
  /** file:// URLs of the packaged local pages (the setup page). */
  localPageUrls: readonly string[];
}

export interface SenderFrame {
  url: string;
  isMainFrame: boolean;
}

function withoutQueryAndHash(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export function classifySender(frame: SenderFrame | null, trusted: TrustedSenders): SenderScope | null {
  if (!frame || !frame.isMainFrame) return null;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return null;
  }
  if ((url.protocol === 'https:' || url.protocol === 'http:') && trusted.gatewayOrigin !== null) {
    return url.origin === new URL(trusted.gatewayOrigin).origin ? 'gateway' : null;
  }
  if (url.protocol === 'file:') {
    const page = withoutQueryAndHash(url);
    return trusted.localPageUrls.some((allowed) => withoutQueryAndHash(new URL(allowed)) === page) ? 'setup' : null;
  }
  return null;
}

export function isSenderAllowed(channel: IpcChannel, scope: SenderScope | null): boolean {
  return scope !== null && (IPC_CHANNELS[channel].senders as readonly SenderScope[]).includes(scope);
}
