/** Turns ffmpeg's stderr into the reason an operator sees on the tile. Order matters: most specific first. */
import type { PipelineReasonCode } from '../../../contracts/src/stream-status';

export type IngestFailure = Exclude<PipelineReasonCode, 'config' | 'transcode-capacity'>;

const RULES: Array<[RegExp, IngestFailure]> = [
  [/401 Unauthorized|403 Forbidden/i, 'auth-failed'],
  // "method SETUP failed: 461 Unsupported transport", then "<url>: Protocol not supported" (EPROTONOSUPPORT).
  [/\b461 Unsupported transport|SETUP failed: 461\b/i, 'unsupported-transport'],
  [/Connection refused/i, 'connection-refused'],
  [/No route to host|Network is unreachable|Name or service not known|Temporary failure in name resolution/i, 'unreachable'],
  [/timed out|Timeout/i, 'timeout'],
  [/404 Not Found|454 Session Not Found/i, 'stream-not-found'],
  [/not on whitelist|not in whitelist/i, 'protocol-blocked'],
  // Not "no video streams": ffmpeg's warning about an unused option ("e.g. a video option with no video streams")
  // is printed at every start of a camera without audio, and would turn any later exit into invalid-data.
  [/Invalid data found|could not find codec parameters|\bno video stream\b(?!s)|Stream map '0:v(:0)?' matches no streams/i, 'invalid-data'],
  [/Server returned 5\d\d|5\d\d Internal|Service Unavailable/i, 'camera-error'],
];

export function classifyFfmpegStderr(stderr: string): IngestFailure {
  for (const [re, failure] of RULES) if (re.test(stderr)) return failure;
  return 'exited';
}

export const FAILURE_TEXT: Record<IngestFailure, string> = {
  'auth-failed': 'auth failed',
  'connection-refused': 'connection refused',
  unreachable: 'camera unreachable',
  timeout: 'connection timed out',
  'stream-not-found': 'stream not found on camera',
  'invalid-data': 'invalid stream data',
  'protocol-blocked': 'protocol not allowed',
  'camera-error': 'camera returned an error',
  'unsupported-transport': 'camera refused the RTSP transport (461 Unsupported Transport)',
  'not-responding': 'not responding',
  stalled: 'stalled: no video received',
  disconnected: 'camera closed the connection',
  exited: 'ingest exited unexpectedly',
};

/** The English reason; `not-responding` says after how long (the I/O timeout that ran out). */
export function failureText(failure: IngestFailure, timeoutSec: number): string {
  return failure === 'not-responding' ? notRespondingText(timeoutSec) : FAILURE_TEXT[failure];
}

export function notRespondingText(timeoutSec: number): string {
  return `not responding (timed out after ${Math.round(timeoutSec * 10) / 10} s)`;
}

const FAILURE_OF_TEXT = new Map(Object.entries(FAILURE_TEXT).map(([code, text]) => [text, code as IngestFailure]));

/** The failure whose English reason this is (failureText's inverse), or null for any other text. */
export function failureOfText(text: string): IngestFailure | null {
  if (/^not responding \(timed out after [\d.]+ s\)$/.test(text)) return 'not-responding';
  return FAILURE_OF_TEXT.get(text) ?? null;
}

/** Removes credentials from anything ffmpeg printed before it reaches a log or an API. */
export function scrubSecrets(text: string, secrets: Array<string | null | undefined>): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@/\s?#]*@/gi, '$1***@');
  for (const s of secrets) {
    if (!s || s.length < 1) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
  }
  return out;
}
