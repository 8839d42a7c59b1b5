import type { CameraAudioCodec, RtspTransport, StreamTestFailureCode, StreamTestResult, VideoCodec, WireTransport } from '../../../contracts/src/camera';
import { buildInputArgs } from '../ingest/ffmpeg-args';
import { classifyFfmpegStderr, FAILURE_TEXT, notRespondingText, scrubSecrets } from '../ingest/ffmpeg-errors';
import { firstTransport, otherTransport } from '../streams/transport-choice';
import type { ProcessSpawner } from '../ingest/process-spawner';
import type { SecretInput } from '../ingest/secret-input';
import type { Logger } from '../platform/logger';

/**
 * The stream test: ffprobe opens the stream the way ingest would (same transport, timeout and protocol whitelist,
 * see ffmpeg-args.ts), reads the first video frame and reports codec, size and frame rate. Spawned with an argument
 * array; credentials live only in the URL written to ffprobe's stdin (ingest/secret-input.ts) and are scrubbed from
 * anything it prints.
 */
export function buildProbeArgs(inputUrl: string, opts: { ioTimeoutSec: number; userAgent: string; transport?: WireTransport }): SecretInput {
  const input = buildInputArgs(inputUrl, opts.ioTimeoutSec, opts.userAgent, opts.transport);
  const args = [
    '-hide_banner',
    '-v', 'error',
    ...input.args,
    '-show_entries', 'stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate:frame=key_frame',
    '-read_intervals', '%+#1',
    '-of', 'json',
  ];
  return { args, stdin: input.stdin };
}

/** ffprobe's audio codec names as we store them (no audio stream: `none`). */
export function toAudioCodec(codecName: string | undefined): CameraAudioCodec {
  if (codecName === undefined) return 'none';
  if (codecName === 'pcm_alaw') return 'pcma';
  if (codecName === 'pcm_mulaw') return 'pcmu';
  return codecName === 'aac' ? 'aac' : 'other';
}

/** ffprobe's codec names as we store them. */
export function toVideoCodec(codecName: string): VideoCodec {
  if (codecName === 'h264') return 'h264';
  if (codecName === 'hevc' || codecName === 'h265') return 'h265';
  return 'unknown';
}

function parseRate(rate: unknown): number | null {
  if (typeof rate !== 'string') return null;
  const m = /^(\d+)\/(\d+)$/.exec(rate);
  if (!m) return null;
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (!den || !num) return null;
  return Math.round((num / den) * 100) / 100;
}

/** ffprobe's JSON (stdout) → the test result; `null` fields when ffprobe could not tell. */
export function parseProbeOutput(stdout: string, firstFrameMs: number): StreamTestResult {
  let parsed: { streams?: Array<Record<string, unknown>> };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    return { ok: false, code: 'invalid-data', reason: FAILURE_TEXT['invalid-data'] };
  }
  // Every stream is listed (codec_type says which is which): the first video one is measured, the first audio one named.
  const streams = parsed.streams ?? [];
  const s = streams.find((st) => st.codec_type === 'video' || st.codec_type === undefined);
  if (!s || typeof s.codec_name !== 'string') return { ok: false, code: 'no-video', reason: 'no video stream' };
  const audio = streams.find((st) => st.codec_type === 'audio');
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
  return {
    ok: true,
    codec: s.codec_name === 'hevc' ? 'h265' : s.codec_name,
    width: int(s.width),
    height: int(s.height),
    fps: parseRate(s.avg_frame_rate) ?? parseRate(s.r_frame_rate),
    firstFrameMs,
    audioCodec: toAudioCodec(typeof audio?.codec_name === 'string' ? audio.codec_name : undefined),
  };
}

const PASS_THROUGH: ReadonlySet<string> = new Set(['auth-failed', 'connection-refused', 'unreachable', 'timeout', 'stream-not-found', 'invalid-data', 'protocol-blocked', 'camera-error', 'unsupported-transport']);

/**
 * ffprobe's (scrubbed) stderr → why the test failed, in the words the tiles use. ffprobe says "Invalid data found"
 * when the camera accepted the connection and answered nothing until the I/O timeout: that is a camera not
 * responding, told apart by the time it took (`elapsedMs`), not a malformed stream.
 */
export function classifyProbeFailure(stderr: string, timing?: { elapsedMs: number; ioTimeoutSec: number }): { code: StreamTestFailureCode; reason: string } {
  const failure = classifyFfmpegStderr(stderr);
  if (failure === 'invalid-data' && timing && timing.elapsedMs >= Math.max(1000, timing.ioTimeoutSec * 800)) return { code: 'not-responding', reason: notRespondingText(timing.ioTimeoutSec) };
  if (PASS_THROUGH.has(failure)) return { code: failure as StreamTestFailureCode, reason: FAILURE_TEXT[failure] };
  return { code: 'failed', reason: 'stream test failed' };
}

export interface StreamProberOptions {
  ffprobePath: string;
  /** Socket I/O timeout handed to ffprobe. */
  ioTimeoutSec: number;
  /** Hard limit for one test: ffprobe is killed after this. */
  totalTimeoutSec: number;
  userAgent: string;
  /** ffprobe processes at once; further tests wait their turn. */
  maxConcurrent?: number;
}

const STDOUT_MAX = 256 * 1024;
const STDERR_KEEP = 8 * 1024;

/** Runs stream tests, a few at a time, each with a hard deadline. */
export class StreamProber {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly spawner: ProcessSpawner,
    private readonly opts: StreamProberOptions,
    private readonly log: Logger,
  ) {}

  /**
   * `inputUrl` carries the credentials (for ffprobe's eyes only); `secrets` are scrubbed from every message. RTSP
   * runs on the transport the camera would get from ingest (streams/transport-choice.ts): with `auto`, a camera that
   * refuses it (461) is tried on the other one, and the result says which transport worked.
   */
  async probe(inputUrl: string, secrets: string[], transport: RtspTransport = 'auto', inUse: WireTransport | null = null): Promise<StreamTestResult> {
    const first = firstTransport(transport, inUse);
    const result = await this.probeOnce(inputUrl, secrets, first);
    if (result.ok || result.code !== 'unsupported-transport' || transport !== 'auto') return result;
    this.log.debug({ refused: first }, 'stream test: camera refused the RTSP transport, trying the other one');
    return this.probeOnce(inputUrl, secrets, otherTransport(first));
  }

  private async probeOnce(inputUrl: string, secrets: string[], transport: WireTransport): Promise<StreamTestResult> {
    const ioTimeoutSec = Math.min(this.opts.ioTimeoutSec, this.opts.totalTimeoutSec);
    let command: SecretInput;
    try {
      command = buildProbeArgs(inputUrl, { ioTimeoutSec, userAgent: this.opts.userAgent, transport });
    } catch {
      return { ok: false, code: 'protocol-blocked', reason: FAILURE_TEXT['protocol-blocked'] };
    }
    await this.slot();
    try {
      const result = await this.run(command, [...secrets, inputUrl], ioTimeoutSec);
      return result.ok && /^rtsps?:/i.test(inputUrl) ? { ...result, transport } : result;
    } finally {
      this.release();
    }
  }

  private slot(): Promise<void> {
    if (this.running < (this.opts.maxConcurrent ?? 4)) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private run(command: SecretInput, secrets: string[], ioTimeoutSec: number): Promise<StreamTestResult> {
    return new Promise((resolve) => {
      const started = Date.now();
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let done = false;
      const child = this.spawner(this.opts.ffprobePath, command.args, { stdin: command.stdin });
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, this.opts.totalTimeoutSec * 1000);
      const finish = (result: StreamTestResult, detail: string) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.log.debug({ ok: result.ok, ...(result.ok ? {} : { reason: result.reason }), detail: scrubSecrets(detail, secrets).slice(-500) }, 'stream test');
        resolve(result);
      };
      // 'exit' may come before the last stdout bytes: decide once both the exit code and the end of stdout are in.
      let exitCode: number | null | undefined;
      let elapsed = 0;
      let stdoutEnded = false;
      const settle = () => {
        if (exitCode === undefined || !stdoutEnded) return;
        if (timedOut) return finish({ ok: false, code: 'timeout', reason: FAILURE_TEXT.timeout }, stderr);
        if (exitCode === 0) return finish(parseProbeOutput(stdout, elapsed), stderr);
        return finish({ ok: false, ...classifyProbeFailure(scrubSecrets(stderr, secrets), { elapsedMs: elapsed, ioTimeoutSec }) }, stderr);
      };
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdout.length < STDOUT_MAX) stdout += chunk.toString('utf8');
      });
      child.stdout.once('close', () => {
        stdoutEnded = true;
        settle();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
      });
      child.onError((err) => finish({ ok: false, code: 'failed', reason: `ffprobe could not start (${err.message.includes('ENOENT') ? 'not installed?' : 'spawn failed'})` }, err.message));
      child.onExit((code) => {
        elapsed = Date.now() - started;
        exitCode = code;
        settle();
      });
    });
  }
}
