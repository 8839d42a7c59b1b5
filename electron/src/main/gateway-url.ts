/**
 * Gateway addresses are origins: scheme, host and port, nothing else. HTTPS anywhere; plain HTTP only on loopback
 * (the `--http1` gateway used by tools and tests), so console traffic never crosses a network unencrypted.
 */
export type GatewayUrlResult = { ok: true; origin: string } | { ok: false; message: string };

const LOOPBACK_V4 = /^127(?:\.\d{1,3}){3}$/;

/** `hostname` as URL gives it (IPv6 in brackets) or as Chromium's certificate request does (without). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || LOOPBACK_V4.test(host);
}

export function parseGatewayUrl(input: string): GatewayUrlResult {
  const text = input.trim();
  if (text.length === 0 || text.length > 2048) return { ok: false, message: 'empty or too long' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, message: 'not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'must be https:// (or http:// on this computer)' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, message: 'plain http:// is only allowed for a gateway on this computer; use https://' };
  if (url.username || url.password) return { ok: false, message: 'must not contain a user name or password' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return { ok: false, message: 'must be just scheme, host and port (no path, query or #)' };
  return { ok: true, origin: url.origin };
}

/** The origin of a URL, or null when it has none (file:, data:, about:, malformed). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function hostnameOf(origin: string): string {
  return new URL(origin).hostname.replace(/^\[|\]$/g, '');
}
