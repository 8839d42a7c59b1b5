/**
 * Camera stream URLs end up as an ffmpeg input, so they are validated strictly: only RTSP(S),
 * no option-looking or multi-line values, no embedded credentials (those live encrypted beside the URL).
 */
export type StreamUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const ALLOWED_PROTOCOLS = new Set(['rtsp:', 'rtsps:']);

export function checkStreamUrl(raw: string): StreamUrlCheck {
  if (raw.length === 0) return { ok: false, reason: 'is empty' };
  if (raw.length > 1024) return { ok: false, reason: 'is longer than 1024 characters' };
  if (raw.startsWith('-')) return { ok: false, reason: 'must not begin with "-"' };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return { ok: false, reason: 'must not contain whitespace or control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not a valid URL' };
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return { ok: false, reason: `protocol ${url.protocol} is not allowed (use rtsp:// or rtsps://)` };
  if (!url.hostname) return { ok: false, reason: 'has no host' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry credentials; set username and password separately' };
  return { ok: true, url };
}

/** For logs and error messages: never show user:password of an URL. */
export function maskUrlCredentials(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_m, scheme: string) => `${scheme}***@`);
}
