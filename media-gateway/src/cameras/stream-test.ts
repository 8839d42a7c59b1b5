import type { RtspTransport, StreamProfile, StreamTestResult, WireTransport } from '../../../contracts/src/camera';
import type { CameraStreamFields } from '../db/camera-repository';
import { withCredentials } from '../ingest/ffmpeg-args';
import { HttpError } from '../platform/errors';
import { toVideoCodec } from './stream-probe';

/** What the camera service needs from stream-probe.ts (a fake in unit tests). */
export interface StreamProbe {
  probe(inputUrl: string, secrets: string[], transport?: RtspTransport, inUse?: WireTransport | null): Promise<StreamTestResult>;
}

export type StreamPairResult = Partial<Record<StreamProfile, StreamTestResult>>;

/** Tests main and sub (those that are set) at once, with the camera's credentials. */
export async function testStreamPair(
  probe: StreamProbe,
  uris: { main: string | null; sub: string | null },
  username: string | null,
  password: string | null,
  transport: RtspTransport = 'auto',
): Promise<StreamPairResult> {
  const run = (uri: string | null) => (uri ? probe.probe(withCredentials(uri, username, password), [password ?? ''].filter(Boolean), transport) : Promise.resolve(undefined));
  const [main, sub] = await Promise.all([run(uris.main), run(uris.sub)]);
  return { ...(main ? { main } : {}), ...(sub ? { sub } : {}) };
}

export function streamPairFailures(pair: StreamPairResult): Array<{ profile: StreamProfile; reason: string }> {
  const out: Array<{ profile: StreamProfile; reason: string }> = [];
  for (const profile of ['main', 'sub'] as const) {
    const r = pair[profile];
    if (r && !r.ok) out.push({ profile, reason: r.reason });
  }
  return out;
}

/** 422 naming each failed stream, e.g. `stream test failed: main stream: auth failed`. The details hold both results. */
export function streamTestFailed(pair: StreamPairResult): HttpError {
  const text = streamPairFailures(pair)
    .map((f) => `${f.profile} stream: ${f.reason}`)
    .join('; ');
  return new HttpError(422, 'stream_test_failed', `stream test failed: ${text} (add ?force=true to save the camera anyway)`, pair);
}

/**
 * Columns to store from a test: codec, size and frame rate of each tested stream; a stream that failed (saved with
 * ?force=true) is stored as unknown. `videoCodec` is the main stream's, or the only stream's.
 */
export function measuredFields(pair: StreamPairResult): Partial<CameraStreamFields> & { videoCodec?: 'h264' | 'h265' | 'unknown'; transportInUse?: WireTransport } {
  const out: Partial<CameraStreamFields> & { videoCodec?: 'h264' | 'h265' | 'unknown'; transportInUse?: WireTransport } = {};
  const { main, sub } = pair;
  // The transport that worked, so the first start goes straight to it.
  const transport = (main?.ok ? main.transport : undefined) ?? (sub?.ok ? sub.transport : undefined);
  if (transport) out.transportInUse = transport;
  if (main) {
    out.mainWidth = main.ok ? main.width : null;
    out.mainHeight = main.ok ? main.height : null;
    out.mainFps = main.ok ? main.fps : null;
    out.mainAudioCodec = main.ok ? (main.audioCodec ?? null) : null;
    if (main.ok) out.videoCodec = toVideoCodec(main.codec);
  }
  if (sub) {
    out.subWidth = sub.ok ? sub.width : null;
    out.subHeight = sub.ok ? sub.height : null;
    out.subFps = sub.ok ? sub.fps : null;
    out.subVideoCodec = sub.ok ? toVideoCodec(sub.codec) : null;
    out.subAudioCodec = sub.ok ? (sub.audioCodec ?? null) : null;
    if (sub.ok && !main) out.videoCodec = toVideoCodec(sub.codec);
  }
  return out;
}

/** A short, credential-free summary for the audit log. */
export function auditSummary(pair: StreamPairResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const profile of ['main', 'sub'] as const) {
    const r = pair[profile];
    if (r) out[profile] = r.ok ? `${r.codec} ${r.width ?? '?'}x${r.height ?? '?'}@${r.fps ?? '?'}${r.transport ? ` ${r.transport}` : ''}` : r.reason;
  }
  return out;
}
