/**
 * A camera's password never is an argument of our ffmpeg/ffprobe children (any local user reads
 * /proc/<pid>/cmdline): the real ffmpeg and ffprobe, spawned as the gateway spawns them, against the simulator
 * (Digest auth). Frames arriving prove the credentials reached ffmpeg by the other way (ingest/secret-input.ts).
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet, type SimCamera } from '../../../scripts/sim/index';
import { buildIngestArgs, withCredentials } from '../ingest/ffmpeg-args';
import { FfmpegProcess, type IngestExit } from '../ingest/ffmpeg-process';
import { ORPHAN_TAG_ENV } from '../ingest/orphan-sweeper';
import { nodeSpawner, type ProcessSpawner } from '../ingest/process-spawner';
import { parseFragment, parseInit } from '../packager/fmp4-parser';
import { systemClock } from '../platform/clock';
import { StreamProber } from './stream-probe';

const TAG = 'CVG/0.1 (gw-cmdline-test)';
let fleet: Fleet;
let cam: SimCamera;

beforeAll(async () => {
  fleet = await startFleet({ cameras: 1, port: 0, controlPort: null, prewarm: true });
  await fleet.prewarmDone;
  cam = fleet.cameras[0]!;
});
afterAll(async () => {
  await fleet?.close();
});

const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

function expectClean(argv: string[]): void {
  expect(argv.join(' ')).not.toContain(cam.password);
  expect(argv.join(' ')).not.toContain(encodeURIComponent(cam.password));
  expect(argv.some((a) => a.includes('rtsp:'))).toBe(false);
  expect(argv).toContain('pipe:0');
}

/** Complete top-level boxes of what ffmpeg wrote so far. */
function boxes(buf: Buffer): Array<{ type: string; start: number; end: number }> {
  const out: Array<{ type: string; start: number; end: number }> = [];
  for (let at = 0; at + 8 <= buf.length; ) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > buf.length) break;
    out.push({ type: buf.toString('latin1', at + 4, at + 8), start: at, end: at + size });
    at += size;
  }
  return out;
}

function ingest(password: string, onData: (all: Buffer) => void): { proc: FfmpegProcess; exited: Promise<IngestExit> } {
  const url = withCredentials(cam.subUrl, cam.username, password);
  const command = buildIngestArgs({ inputUrl: url, ioTimeoutSec: 5, videoMode: 'copy', audioMode: 'none', fragmentMs: 200, userAgent: TAG });
  let all = Buffer.alloc(0);
  let resolveExit!: (e: IngestExit) => void;
  const exited = new Promise<IngestExit>((r) => (resolveExit = r));
  const proc = new FfmpegProcess(
    {
      ffmpegPath: 'ffmpeg',
      ...command,
      secrets: [password, url],
      onData: (chunk) => onData((all = Buffer.concat([all, chunk]))),
      onExit: resolveExit,
    },
    nodeSpawner,
    systemClock,
  );
  return { proc, exited };
}

describe('camera credentials off the command line (real ffmpeg and ffprobe)', () => {
  it('ingest: frames arrive while the password is in no argument; the orphan tag is in the environment', async () => {
    let resolveFragment!: (v: { init: Buffer; fragment: Buffer }) => void;
    const fragment = new Promise<{ init: Buffer; fragment: Buffer }>((r) => (resolveFragment = r));
    const { proc, exited } = ingest(cam.password, (all) => {
      const list = boxes(all);
      const moov = list.find((b) => b.type === 'moov');
      const moof = list.findIndex((b) => b.type === 'moof');
      const mdat = list[moof + 1];
      if (moov && moof !== -1 && mdat?.type === 'mdat') resolveFragment({ init: all.subarray(0, moov.end), fragment: all.subarray(list[moof]!.start, mdat.end) });
    });
    try {
      const got = await Promise.race([fragment, exited.then((e) => Promise.reject(new Error(`ffmpeg exited: ${e.detail}`)))]);
      // Connected and playing at this moment.
      expect(fleet.cameraStats(cam.id).playing).toBe(1);
      expectClean(cmdline(proc.pid!));
      expect(readFileSync(`/proc/${proc.pid}/environ`, 'utf8').split('\0')).toContain(`${ORPHAN_TAG_ENV}=${TAG}`);
      const init = parseInit(got.init);
      expect([init.sampleEntry, init.width, init.height]).toEqual(['avc1', 640, 360]);
      const frag = parseFragment(got.fragment, init);
      expect(frag.sampleCount).toBeGreaterThan(0);
      expect(frag.firstSampleIsSync).toBe(true);
    } finally {
      await proc.stop();
    }
  });

  it('ingest: a wrong password is still told as auth-failed, and printed nowhere', async () => {
    const { proc, exited } = ingest('Wrong-Pw-7', () => undefined);
    expectClean(cmdline(proc.pid!));
    const exit = await exited;
    expect([exit.requested, exit.failure]).toEqual([false, 'auth-failed']);
    expect(exit.detail).toContain('401 Unauthorized');
    expect(exit.detail).not.toContain('Wrong-Pw-7');
  });

  it('stream test: ffprobe measures the stream with the password in no argument', async () => {
    const argvs: string[][] = [];
    const spawner: ProcessSpawner = (command, args, extras) => {
      const child = nodeSpawner(command, args, extras);
      argvs.push(cmdline(child.pid!)); // spawn() returns after exec: this is ffprobe's own command line
      return child;
    };
    const prober = new StreamProber(spawner, { ffprobePath: 'ffprobe', ioTimeoutSec: 5, totalTimeoutSec: 10, userAgent: TAG }, pino({ level: 'silent' }));
    const url = withCredentials(cam.subUrl, cam.username, cam.password);
    const result = await prober.probe(url, [cam.password, url], 'tcp');
    expect(result).toMatchObject({ ok: true, codec: 'h264', width: 640, height: 360, transport: 'tcp' });
    expect(argvs).toHaveLength(1);
    expect(argvs[0]![0]).toMatch(/ffprobe$/);
    expectClean(argvs[0]!);
  });
});
