import { PassThrough } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildInputArgs } from '../ingest/ffmpeg-args';
import type { ChildHandle, ProcessSpawner } from '../ingest/process-spawner';
import { buildProbeArgs, classifyProbeFailure, parseProbeOutput, StreamProber, toVideoCodec } from './stream-probe';
import { measuredFields, streamTestFailed } from './stream-test';

const SIM_OUTPUT = JSON.stringify({
  frames: [{ key_frame: 1 }],
  streams: [{ codec_name: 'h264', width: 1280, height: 720, r_frame_rate: '25/1', avg_frame_rate: '25/1' }],
});

describe('buildProbeArgs', () => {
  it('builds the exact ffprobe command line for RTSP (same transport, timeout and whitelist as ingest; the URL on stdin)', () => {
    const probe = buildProbeArgs('rtsp://u:p@10.0.0.5:554/Streaming/Channels/101', { ioTimeoutSec: 5, userAgent: 'CVG/0.1 (gw-abc)' });
    expect(probe.args).toEqual([
      '-hide_banner', '-v', 'error',
      '-f', 'concat', '-safe', '0', '-auto_convert', '0',
      '-protocol_whitelist', 'pipe,rtsp,rtsps,tcp,tls',
      '-analyzeduration', '500000', '-probesize', '32768', '-fpsprobesize', '0',
      '-i', 'pipe:0',
      '-show_entries', 'stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate:frame=key_frame',
      '-read_intervals', '%+#1',
      '-of', 'json',
    ]);
    // The input script is ingest's own (its exact lines: ffmpeg-args.test.ts).
    expect(probe.stdin).toBe(buildInputArgs('rtsp://u:p@10.0.0.5:554/Streaming/Channels/101', 5, 'CVG/0.1 (gw-abc)', 'tcp').stdin);
    expect(probe.stdin).toContain("\nfile 'rtsp://u:p@10.0.0.5:554/Streaming/Channels/101'\n");
  });

  it('probes the internal RTMP pull with the rtmp whitelist and refuses anything else', () => {
    const { args, stdin } = buildProbeArgs('rtmp://127.0.0.1:40000/live/cam-1?key=AbCdEfGhIjKlMnOpQrSt', { ioTimeoutSec: 3, userAgent: 'x' });
    expect(args.slice(9, 11)).toEqual(['-protocol_whitelist', 'pipe,rtmp,tcp']);
    expect(stdin).toContain("\noption rw_timeout '3000000'\n");
    for (const bad of ['file:///etc/passwd', 'http://10.0.0.1/x', '-f', 'rtmp://10.0.0.1/live/x?key=AbCdEfGhIjKlMnOpQrSt']) {
      expect(() => buildProbeArgs(bad, { ioTimeoutSec: 3, userAgent: 'x' })).toThrow();
    }
  });
});

describe('parseProbeOutput', () => {
  it.each([
    ['pcm_alaw', 'pcma'],
    ['pcm_mulaw', 'pcmu'],
    ['aac', 'aac'],
    ['adpcm_g726', 'other'],
  ])('names the audio beside the video (%s → %s), whatever the stream order', (codecName, audioCodec) => {
    const audio = { codec_type: 'audio', codec_name: codecName };
    const video = { codec_type: 'video', codec_name: 'h264', width: 704, height: 576, avg_frame_rate: '25/1' };
    expect(parseProbeOutput(JSON.stringify({ streams: [audio, video] }), 5)).toEqual({ ok: true, codec: 'h264', width: 704, height: 576, fps: 25, firstFrameMs: 5, audioCodec });
  });

  it('reads codec, size and frame rate', () => {
    expect(parseProbeOutput(SIM_OUTPUT, 812)).toEqual({ ok: true, codec: 'h264', width: 1280, height: 720, fps: 25, firstFrameMs: 812, audioCodec: 'none' });
  });

  it('names HEVC h265, falls back to r_frame_rate and rounds odd rates', () => {
    const out = JSON.stringify({ streams: [{ codec_name: 'hevc', width: 1920, height: 1080, avg_frame_rate: '0/0', r_frame_rate: '30000/1001' }] });
    expect(parseProbeOutput(out, 1)).toMatchObject({ ok: true, codec: 'h265', fps: 29.97 });
    expect(toVideoCodec('hevc')).toBe('h265');
    expect(toVideoCodec('mjpeg')).toBe('unknown');
  });

  it('reports a stream without video and garbage output', () => {
    expect(parseProbeOutput(JSON.stringify({ streams: [] }), 1)).toEqual({ ok: false, code: 'no-video', reason: 'no video stream' });
    expect(parseProbeOutput('not json', 1)).toMatchObject({ ok: false, code: 'invalid-data' });
  });
});

describe('classifyProbeFailure', () => {
  it.each([
    ['[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized', 'auth-failed', 'auth failed'],
    ['Connection to tcp://10.0.0.5:554?timeout=0 failed: Connection refused', 'connection-refused', 'connection refused'],
    ['Connection to tcp://10.9.9.9:554 failed: No route to host', 'unreachable', 'camera unreachable'],
    ['Connection to tcp://10.9.9.9:554 failed: Connection timed out', 'timeout', 'connection timed out'],
    ['method DESCRIBE failed: 404 Not Found', 'stream-not-found', 'stream not found on camera'],
    ['something else entirely', 'failed', 'stream test failed'],
    ['[rtsp @ 0x1] method SETUP failed: 461 Unsupported transport', 'unsupported-transport', 'camera refused the RTSP transport (461 Unsupported Transport)'],
  ])('%s → %s', (stderr, code, reason) => {
    expect(classifyProbeFailure(stderr)).toEqual({ code, reason });
  });

  it('calls "invalid data" after a whole I/O timeout a camera that is not responding, with the seconds', () => {
    const stderr = 'rtsp://127.0.0.1:9/x: Invalid data found when processing input';
    expect(classifyProbeFailure(stderr, { elapsedMs: 3050, ioTimeoutSec: 3 })).toEqual({ code: 'not-responding', reason: 'not responding (timed out after 3 s)' });
    expect(classifyProbeFailure(stderr, { elapsedMs: 40, ioTimeoutSec: 3 })).toEqual({ code: 'invalid-data', reason: 'invalid stream data' });
  });
});

/** A fake ffprobe: writes the given stdout/stderr and exits with the code, after a delay (or never). */
type Script = { stdout?: string; stderr?: string; code?: number; afterMs?: number; hang?: boolean };
type Call = { args: string[]; stdin: string | undefined };
function fakeSpawner(scripts: Script | Script[], calls: Call[] = [], live = { running: 0, peak: 0 }): ProcessSpawner {
  return (_cmd, args, extras) => {
    const script = Array.isArray(scripts) ? scripts[Math.min(calls.length, scripts.length - 1)]! : scripts;
    calls.push({ args, stdin: extras?.stdin });
    live.running++;
    live.peak = Math.max(live.peak, live.running);
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => {};
    const exit = (code: number | null, signal: NodeJS.Signals | null) => {
      live.running--;
      stdout.end();
      stderr.end();
      setImmediate(() => onExit(code, signal));
    };
    const child: ChildHandle = {
      pid: 4242,
      stdout,
      stderr,
      kill: (signal) => {
        exit(null, signal);
        return true;
      },
      onExit: (l) => void (onExit = l),
      onError: () => {},
    };
    if (!script.hang) {
      setTimeout(() => {
        if (script.stdout) stdout.write(script.stdout);
        if (script.stderr) stderr.write(script.stderr);
        exit(script.code ?? 0, null);
      }, script.afterMs ?? 5);
    }
    return child;
  };
}

const silent = pino({ level: 'silent' });
const opts = { ffprobePath: 'ffprobe', ioTimeoutSec: 5, totalTimeoutSec: 0.3, userAgent: 'ua' };

describe('StreamProber', () => {
  it('returns what ffprobe found', async () => {
    const calls: Call[] = [];
    const prober = new StreamProber(fakeSpawner({ stdout: SIM_OUTPUT }, calls), opts, silent);
    const r = await prober.probe('rtsp://admin:pw@10.0.0.5/101', ['pw']);
    expect(r).toMatchObject({ ok: true, codec: 'h264', width: 1280, height: 720, fps: 25 });
    expect(calls[0]!.stdin).toContain("file 'rtsp://admin:pw@10.0.0.5/101'");
    expect(calls[0]!.args.join(' ')).not.toContain('rtsp://');
  });

  it('turns a 401 into "auth failed" without credentials in the result', async () => {
    const prober = new StreamProber(fakeSpawner({ stderr: 'rtsp://admin:S3cret!@10.0.0.5/101: Server returned 401 Unauthorized (authorization failed)\n', code: 1 }), opts, silent);
    const r = await prober.probe('rtsp://admin:S3cret!@10.0.0.5/101', ['S3cret!']);
    expect(r).toEqual({ ok: false, code: 'auth-failed', reason: 'auth failed' });
    expect(JSON.stringify(r)).not.toContain('S3cret');
  });

  it('kills a probe that hangs past the deadline and says timeout', async () => {
    const prober = new StreamProber(fakeSpawner({ hang: true }), opts, silent);
    const started = Date.now();
    expect(await prober.probe('rtsp://10.0.0.5/101', [])).toEqual({ ok: false, code: 'timeout', reason: 'connection timed out' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  const REFUSED = { stderr: '[rtsp @ 0x1] method SETUP failed: 461 Unsupported transport\nrtsp://10.0.0.5/101: Protocol not supported\n', code: 1 };
  const transportOf = (call: Call) => /^option rtsp_transport '(\w+)'$/m.exec(call.stdin ?? '')?.[1];

  it('auto: falls back to UDP when the camera refuses TCP and says which transport worked', async () => {
    const calls: Call[] = [];
    const prober = new StreamProber(fakeSpawner([REFUSED, { stdout: SIM_OUTPUT }], calls), opts, silent);
    expect(await prober.probe('rtsp://10.0.0.5/101', [], 'auto')).toMatchObject({ ok: true, codec: 'h264', transport: 'udp' });
    expect(calls.map(transportOf)).toEqual(['tcp', 'udp']);
  });

  it('a fixed transport is not changed: the real reason is reported', async () => {
    const calls: Call[] = [];
    const prober = new StreamProber(fakeSpawner([REFUSED, { stdout: SIM_OUTPUT }], calls), opts, silent);
    expect(await prober.probe('rtsp://10.0.0.5/101', [], 'tcp')).toEqual({ ok: false, code: 'unsupported-transport', reason: 'camera refused the RTSP transport (461 Unsupported Transport)' });
    expect(calls.map(transportOf)).toEqual(['tcp']);
  });

  it('auto starts on the transport that last worked', async () => {
    const calls: Call[] = [];
    const prober = new StreamProber(fakeSpawner({ stdout: SIM_OUTPUT }, calls), opts, silent);
    expect(await prober.probe('rtsp://10.0.0.5/101', [], 'auto', 'udp')).toMatchObject({ ok: true, transport: 'udp' });
    expect(calls.map(transportOf)).toEqual(['udp']);
  });

  it('runs at most maxConcurrent probes at once', async () => {
    const live = { running: 0, peak: 0 };
    const prober = new StreamProber(fakeSpawner({ stdout: SIM_OUTPUT, afterMs: 30 }, [], live), { ...opts, totalTimeoutSec: 5, maxConcurrent: 2 }, silent);
    const results = await Promise.all(Array.from({ length: 5 }, () => prober.probe('rtsp://10.0.0.5/101', [])));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(live.peak).toBe(2);
  });
});

describe('stream test results on a camera', () => {
  it('stores codec, size, fps and audio per stream; a failed stream is unknown', () => {
    const main = { ok: true as const, codec: 'h265', width: 1920, height: 1080, fps: 25, firstFrameMs: 900, audioCodec: 'pcma' as const };
    const sub = { ok: true as const, codec: 'h264', width: 640, height: 360, fps: 25, firstFrameMs: 700 };
    expect(measuredFields({ main, sub })).toEqual({
      mainWidth: 1920, mainHeight: 1080, mainFps: 25, videoCodec: 'h265', mainAudioCodec: 'pcma',
      subWidth: 640, subHeight: 360, subFps: 25, subVideoCodec: 'h264', subAudioCodec: null,
    });
    expect(measuredFields({ sub })).toMatchObject({ videoCodec: 'h264', subVideoCodec: 'h264' });
    expect(measuredFields({ main: { ok: false, code: 'auth-failed', reason: 'auth failed' } })).toEqual({ mainWidth: null, mainHeight: null, mainFps: null, mainAudioCodec: null });
  });

  it('fails with 422 naming each failed stream', () => {
    const err = streamTestFailed({ main: { ok: false, code: 'auth-failed', reason: 'auth failed' }, sub: { ok: true, codec: 'h264', width: 1, height: 1, fps: 1, firstFrameMs: 1 } });
    expect(err.statusCode).toBe(422);
    expect(err.message).toBe('stream test failed: main stream: auth failed (add ?force=true to save the camera anyway)');
  });
});
