/**
 * Pure decisions behind window-security.ts: where a window may navigate, which window.open calls may create a window,
 * and which permission requests are granted. Everything outside the gateway origin (and the shell's own local
 * pages) is denied; nothing is handed to the OS browser (no shell.openExternal with page-controlled URLs).
 */
export interface UrlAllowList {
  gatewayOrigin: string | null;
  /** Exact file:// URLs of the packaged local pages (query and hash ignored). */
  localPageUrls: readonly string[];
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function samePage(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
}

export function isGatewayUrl(url: string, gatewayOrigin: string | null): boolean {
  const parsed = parse(url);
  if (!parsed || gatewayOrigin === null) return false;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  return parsed.origin === new URL(gatewayOrigin).origin;
}

/** will-navigate / will-redirect / will-frame-navigate: the gateway origin or one of our local pages. */
export function isNavigationAllowed(url: string, allow: UrlAllowList): boolean {
  if (isGatewayUrl(url, allow.gatewayOrigin)) return true;
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'file:') return false;
  return allow.localPageUrls.some((page) => {
    const allowed = parse(page);
    return allowed !== null && samePage(parsed, allowed);
  });
}

/** setWindowOpenHandler: only gateway pages may open (hardened) windows; local pages never do. */
export function decideWindowOpen(url: string, allow: UrlAllowList): 'allow' | 'deny' {
  return isGatewayUrl(url, allow.gatewayOrigin) ? 'allow' : 'deny';
}

/** What the console needs: alarm notifications, full-screen tiles, copying a camera id or link. */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'fullscreen', 'clipboard-sanitized-write']);

/** Permission request and check handlers: a granted permission, asked by a gateway-origin page. */
export function isPermissionAllowed(permission: string, requestingUrl: string | null | undefined, gatewayOrigin: string | null): boolean {
  if (!GRANTED_PERMISSIONS.has(permission) || !requestingUrl) return false;
  return isGatewayUrl(requestingUrl, gatewayOrigin);
}
