// The HLS token rides in the `token` query parameter of every playlist, part and segment URL. These helpers swap
// it for a fresh one without touching anything else in the URL (hls.js adds _HLS_msn/_HLS_part for blocking reload).
export const TOKEN_PARAM = 'token';

const TOKEN_RE = /([?&])token=[^&#]*/;

export function tokenOf(url: string): string | null {
  const m = TOKEN_RE.exec(url);
  if (!m) return null;
  try {
    return decodeURIComponent(m[0].slice(m[1]!.length + TOKEN_PARAM.length + 1));
  } catch {
    return null;
  }
}

/** Replaces the token (or adds it, before any #fragment) and leaves every other byte of the URL as it was. */
export function withToken(url: string, token: string): string {
  if (!token) return url;
  const encoded = encodeURIComponent(token);
  if (TOKEN_RE.test(url)) return url.replace(TOKEN_RE, (_m, sep: string) => `${sep}${TOKEN_PARAM}=${encoded}`);
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const frag = hash >= 0 ? url.slice(hash) : '';
  const sep = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${sep}${TOKEN_PARAM}=${encoded}${frag}`;
}

/**
 * The gateway builds the playlist URL from the Host it saw. Behind the Vite dev proxy that host is the dev
 * server's but the scheme is the gateway's, so in development the URL is re-rooted onto the page's origin.
 */
export function rebaseToOrigin(url: string, origin: string): string {
  try {
    const u = new URL(url);
    return `${origin}${u.pathname}${u.search}${u.hash}`;
  } catch {
    return url;
  }
}
