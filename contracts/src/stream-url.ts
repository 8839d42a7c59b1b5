/**
 * Camera stream URLs end up as an ffmpeg input, so they are validated strictly: only RTSP(S),
 * no option-looking or multi-line values, no embedded credentials (those live encrypted beside the URL).
 */
export const STREAM_URL_PROBLEMS = ['empty', 'too-long', 'leading-dash', 'whitespace', 'not-a-url', 'protocol', 'no-host', 'credentials'] as const;
export type StreamUrlProblem = (typeof STREAM_URL_PROBLEMS)[number];
/** `code` for consoles to translate; `reason` in English for the API's messages and logs. */
export type StreamUrlCheck = { ok: true; url: URL } | { ok: false; code: StreamUrlProblem; reason: string };

const ALLOWED_PROTOCOLS = new Set(['rtsp:', 'rtsps:']);

export function checkStreamUrl(raw: string): StreamUrlCheck {
  if (raw.length === 0) return { ok: false, code: 'empty', reason: 'is empty' };
  if (raw.length > 1024) return { ok: false, code: 'too-long', reason: 'is longer than 1024 characters' };
  if (raw.startsWith('-')) return { ok: false, code: 'leading-dash', reason: 'must not begin with "-"' };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return { ok: false, code: 'whitespace', reason: 'must not contain whitespace or control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'not-a-url', reason: 'is not a valid URL' };
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return { ok: false, code: 'protocol', reason: `protocol ${url.protocol} is not allowed (use rtsp:// or rtsps://)` };
  if (!url.hostname) return { ok: false, code: 'no-host', reason: 'has no host' };
  if (url.username || url.password) return { ok: false, code: 'credentials', reason: 'must not carry credentials; set username and password separately' };
  return { ok: true, url };
}

/** For logs and error messages: never show user:password of an URL. */
export function maskUrlCredentials(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_m, scheme: string) => `${scheme}***@`);
}
