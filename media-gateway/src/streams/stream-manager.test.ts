import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChildHandle, ProcessSpawner } from '../ingest/process-spawner';
import { ManualClock } from '../platform/testing/manual-clock';
import type { HlsPackager } from '../packager/hls-packager';
import { HttpError } from '../platform/errors';
import type { IngestExit, IngestRun } from '../ingest/ingest-run';
import type { RtspIngestOptions } from '../inprocess-ingest/rtsp-ingest';
import { StreamManager } from './stream-manager';
import type { StreamInput, StreamInputResolver } from './stream-types';

class FakeChild extends EventEmitter implements ChildHandle {
  static next = 100;
  readonly pid = FakeChild.next++;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  signals: string[] = [];
  args: string[] = [];
  /** The input script written to its stdin (ingest/secret-input.ts). */
  stdin = '';
  kill(signal: NodeJS.Signals) {
    this.signals.push(signal);
    if (signal === 'SIGKILL' || this.exitOnTerm) queueMicrotask(() => this.exit(null, signal));
    return true;
  }
  exitOnTerm = true;
  exit(code: number | null, signal: NodeJS.Signals | null) {
    this.emit('exit', code, signal);
  }
  onExit(l: (code: number | null, signal: NodeJS.Signals | null) => void) {
    this.once('exit', l);
  }
  onError(l: (err: Error) => void) {
    this.once('error', l);
  }
}

/** A scripted in-process run: the test ends it as the RTSP client would. */
class FakeRun implements IngestRun {
  readonly pid = undefined;
  running = true;
  aborted = false;
  constructor(readonly o: RtspIngestOptions) {}
  end(exit: Partial<IngestExit>) {
    this.running = false;
    this.o.onExit({ requested: false, failure: 'exited', detail: '', code: 0, signal: null, ...exit });
  }
  stop() {
    if (this.running) this.end({ requested: true });
    return Promise.resolve();
  }
  abort() {
    this.aborted = true;
    if (this.running) this.end({});
    return Promise.resolve();
  }
}

class FakePackager {
  lastFragmentAt: number | null = null;
  discontinuities = 0;
  closed = false;
  gopSec: number | null = null;
  private listeners: Array<(e: { durationSec: number }) => void> = [];
  constructor(
    private readonly clock: ManualClock,
    readonly expectedGopSec: number | null = null,
  ) {}
  push() {}
  fragment(durationSec = 0.2) {
    this.lastFragmentAt = this.clock.now();
    for (const l of this.listeners) l({ durationSec });
  }
  onFragment(l: (e: { durationSec: number }) => void) {
    this.listeners.push(l);
    return () => undefined;
  }
  discontinuity() {
    this.discontinuities++;
  }
  close() {
    this.closed = true;
  }
  stats() {
    return { lastFragmentAt: this.lastFragmentAt, fps: 25, bitrateBps: 1e6, codec: 'avc1.4d401e', audioCodec: null, codecs: 'avc1.4d401e', width: 640, height: 360, fragments: 0, bytes: 0, segments: 0, latestMsn: null, lastError: null, gopSec: this.gopSec };
  }
}

function setup(overrides: { ingest?: 'auto' | 'ffmpeg'; offlineAfterFailures?: number; rtsp?: StreamInput['rtsp']; h265?: Set<string>; maxTranscodes?: number; maxPipelines?: number; resolver?: StreamInputResolver } = {}) {
  const blocked = new Set<string>();
  const clock = new ManualClock(1_000_000);
  const children: FakeChild[] = [];
  const spawnedArgs: string[][] = [];
  const remembered: Array<string | null> = [];
  const spawner: ProcessSpawner = (_cmd, args, extras) => {
    const c = new FakeChild();
    c.args = args;
    c.stdin = extras?.stdin ?? '';
    children.push(c);
    spawnedArgs.push(args);
    return c;
  };
  const packagers: FakePackager[] = [];
  const statusLog: string[] = [];
  const runs: FakeRun[] = [];
  const mgr = new StreamManager({
    clock,
    spawner,
    inProcess: (o) => {
      const r = new FakeRun(o);
      runs.push(r);
      return r;
    },
    resolver: overrides.resolver ?? {
      videoModeOf: (id) => (overrides.h265?.has(id) ? 'transcode-h264' : 'copy'),
      resolve: (id) => ({ ok: true, input: { inputUrl: 'rtsp://u:secret@127.0.0.1/x', displayUrl: 'rtsp://***@127.0.0.1/x', secrets: ['secret'], videoMode: overrides.h265?.has(id) ? 'transcode-h264' : 'copy', ...(overrides.rtsp ? { rtsp: overrides.rtsp } : {}) } }),
    },
    transports: {
      remember: (_id, t) => {
        remembered.push(t);
        if (overrides.rtsp) overrides.rtsp.inUse = t;
      },
    },
    status: { online: (id) => statusLog.push(`online ${id}`), offline: (id, r) => statusLog.push(`offline ${id} ${r.text}`) },
    log: pino({ level: 'silent' }),
    idleStopSec: 30,
    maxPipelines: overrides.maxPipelines ?? 2,
    maxTranscodes: overrides.maxTranscodes ?? 2,
    settings: { ffmpegPath: 'ffmpeg', ioTimeoutSec: 5, stallTimeoutSec: 10, backoffInitialMs: 1000, backoffMaxMs: 8000, offlineAfterFailures: overrides.offlineAfterFailures ?? 2, fragmentMs: 200, userAgent: 'ua', viewerWindowMs: 10_000, encoder: 'libx264', ingest: overrides.ingest ?? 'ffmpeg' },
    authBlock: { isBlocked: (id) => blocked.has(id), block: (id) => void blocked.add(id), clear: (id) => blocked.delete(id) },
    createPackager: ({ expectedGopSec }) => {
      const p = new FakePackager(clock, expectedGopSec);
      packagers.push(p);
      return p as unknown as HlsPackager;
    },
  });
  const transportOf = (i: number) => /^option rtsp_transport '(\w+)'$/m.exec(children[i]!.stdin)?.[1];
  return { clock, children, spawnedArgs, packagers, statusLog, mgr, blocked, remembered, transportOf, runs };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('StreamManager', () => {
  it('starts one pipeline per camera/profile whatever the number of viewers', () => {
    const { mgr, children } = setup();
    const a = mgr.acquire('cam1', 'sub', 'viewer-a');
    const b = mgr.acquire('cam1', 'sub', 'viewer-b');
    expect(a).toBe(b);
    expect(children).toHaveLength(1);
    expect(a.viewerCount()).toBe(2);
    mgr.acquire('cam1', 'main', 'viewer-a');
    expect(children).toHaveLength(2);
    expect(() => mgr.acquire('cam2', 'sub', 'v')).toThrow(/stream limit/);
  });

  it("hands a camera's GOP from one pipeline to the next (quick start), per profile", () => {
    const { mgr, clock, packagers } = setup();
    mgr.acquire('cam1', 'sub', 'v');
    expect(packagers[0]!.expectedGopSec).toBeNull();
    packagers[0]!.gopSec = 4;
    clock.advance(31_000);
    mgr.sweep();
    mgr.acquire('cam1', 'sub', 'v');
    mgr.acquire('cam1', 'main', 'v');
    expect(packagers.map((p) => p.expectedGopSec)).toEqual([null, 4, null]);
  });

  it('stops a pipeline idleStopSec after the last request, SIGTERM first', async () => {
    const { mgr, clock, children, packagers } = setup();
    mgr.acquire('cam1', 'sub', 'v');
    clock.advance(29_000);
    packagers[0]!.fragment(); // healthy stream, so only the idle rule can stop it
    mgr.sweep();
    expect(mgr.list()).toHaveLength(1);
    clock.advance(2_000);
    mgr.sweep();
    expect(mgr.list()).toHaveLength(0);
    expect(children[0]!.signals).toEqual(['SIGTERM']);
    expect(packagers[0]!.closed).toBe(true);
  });

  it('escalates to SIGKILL when ffmpeg ignores SIGTERM', async () => {
    const { mgr, clock, children } = setup();
    mgr.acquire('cam1', 'sub', 'v');
    children[0]!.exitOnTerm = false;
    const stopped = mgr.stopAll();
    clock.advance(2_000);
    await stopped;
    expect(children[0]!.signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('goes live on the first fragment; reconnecting, then offline with a reason; retries with backoff', async () => {
    const { mgr, clock, children, packagers, statusLog } = setup();
    const p = mgr.acquire('cam1', 'sub', 'v');
    expect(p.state).toBe('starting');
    packagers[0]!.fragment();
    expect(p.state).toBe('live');
    expect(statusLog).toEqual(['online cam1']);
    children[0]!.stderr.write('rtsp://admin:secret@127.0.0.1/x: Connection refused\n');
    await tick();
    children[0]!.exit(1, null);
    expect(p.state).toBe('reconnecting');
    expect(p.reason).toBe('connection refused');
    clock.advance(1_000); // first backoff is at most initialMs
    expect(children).toHaveLength(2);
    expect(packagers[0]!.discontinuities).toBe(1);
    children[1]!.stderr.write('Connection refused\n');
    await tick();
    children[1]!.exit(1, null);
    expect(p.state).toBe('offline');
    expect(statusLog.at(-1)).toBe('offline cam1 connection refused');
    clock.advance(2_000);
    expect(children).toHaveLength(3);
    packagers[0]!.fragment();
    expect(p.state).toBe('live');
    expect(p.restarts).toBe(2);
    expect(p.consecutiveFailures).toBe(0);
  });

  it('marks auth failures offline at once', async () => {
    const { mgr, children } = setup({ offlineAfterFailures: 5 });
    const p = mgr.acquire('cam1', 'sub', 'v');
    children[0]!.stderr.write('[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\n');
    await tick();
    children[0]!.exit(1, null);
    expect(p.state).toBe('offline');
    expect(p.reasonCode).toBe('auth-failed');
  });

  it('the watchdog stops a stream whose fragments stop (SIGTERM first), and it is restarted', async () => {
    const { mgr, clock, children, packagers } = setup();
    const p = mgr.acquire('cam1', 'sub', 'v');
    packagers[0]!.fragment();
    clock.advance(9_000);
    mgr.sweep();
    expect(children[0]!.signals).toEqual([]);
    clock.advance(2_000);
    p.touch('v');
    mgr.sweep();
    expect(children[0]!.signals).toEqual(['SIGTERM']);
    await tick();
    expect(p.reasonCode).toBe('stalled');
    clock.advance(1_000);
    expect(children).toHaveLength(2);
  });

  it('the watchdog escalates to SIGKILL after a 2 s grace when ffmpeg ignores SIGTERM, and asks only once', async () => {
    const { mgr, clock, children, packagers } = setup();
    const p = mgr.acquire('cam1', 'sub', 'v');
    packagers[0]!.fragment();
    children[0]!.exitOnTerm = false;
    clock.advance(11_000);
    p.touch('v');
    mgr.sweep();
    clock.advance(1_000);
    p.touch('v');
    mgr.sweep(); // still within the grace: no second SIGTERM, no SIGKILL yet
    expect(children[0]!.signals).toEqual(['SIGTERM']);
    clock.advance(1_000);
    await tick();
    expect(children[0]!.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(p.reasonCode).toBe('stalled');
  });

  it('ffmpeg killed under a live stream: restarted, not counted against the camera, no status change', async () => {
    const { mgr, clock, children, packagers, statusLog } = setup({ offlineAfterFailures: 1 });
    const deaths: string[] = [];
    mgr.onProcessDeath((id, profile, inARow) => deaths.push(`${id}/${profile} ${inARow}`));
    const p = mgr.acquire('cam1', 'sub', 'v');
    packagers[0]!.fragment();
    expect(statusLog).toEqual(['online cam1']);
    for (let i = 0; i < 3; i++) {
      children.at(-1)!.exit(null, 'SIGKILL'); // someone else's kill -9
      expect(p.state).toBe('reconnecting');
      expect(p.reasonCode).toBe('exited');
      expect(p.consecutiveFailures).toBe(0);
      clock.advance(8_000);
    }
    expect(children).toHaveLength(4);
    expect(p.processDeaths).toBe(3);
    expect(deaths).toEqual(['cam1/sub 1', 'cam1/sub 2', 'cam1/sub 3']);
    expect(statusLog).toEqual(['online cam1']); // offlineAfterFailures 1, yet never offline
    packagers[0]!.fragment();
    expect(p.state).toBe('live');
    expect(p.processDeaths).toBe(0);
  });

  it('a camera that closes the connection right after video is "disconnected", not stalled', async () => {
    const { mgr, children, packagers } = setup();
    const p = mgr.acquire('cam1', 'sub', 'v');
    packagers[0]!.fragment();
    children[0]!.exit(0, null);
    expect(p.state).toBe('reconnecting');
    expect(p.reasonCode).toBe('disconnected');
  });

  it('does not retry after an auth failure, nor start a blocked camera, until the block is cleared', async () => {
    const { mgr, clock, children, blocked, statusLog } = setup({ offlineAfterFailures: 5 });
    const p = mgr.acquire('cam1', 'sub', 'v');
    children[0]!.stderr.write('[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized\n');
    await tick();
    children[0]!.exit(1, null);
    expect(p.state).toBe('offline');
    expect(blocked.has('cam1')).toBe(true);
    clock.advance(600_000);
    expect(children).toHaveLength(1);
    // A new pipeline of the same camera (tile reopened) does not try either.
    await mgr.stopCamera('cam1');
    const again = mgr.acquire('cam1', 'main', 'v');
    expect(again.state).toBe('offline');
    expect(again.reasonCode).toBe('auth-failed');
    expect(children).toHaveLength(1);
    expect(statusLog.at(-1)).toBe('offline cam1 auth failed');
    blocked.delete('cam1');
    await mgr.stopCamera('cam1');
    mgr.acquire('cam1', 'main', 'v');
    expect(children).toHaveLength(2);
  });

  it('a run that dies of its audio is retried with the next audio mode, down to video only, without a camera failure', async () => {
    const { mgr, clock, children, spawnedArgs, statusLog } = setup({ offlineAfterFailures: 1 });
    const p = mgr.acquire('cam1', 'sub', 'v');
    const audioOf = (args: string[] | undefined) => (args?.includes('-an') ? 'none' : args?.[args.indexOf('-c:a') + 1]);
    expect(audioOf(spawnedArgs[0])).toBe('aac'); // not stream-tested: transcode whatever comes
    children[0]!.stderr.write('Decoder (codec none) not found for input stream #0:1\n');
    await tick();
    children[0]!.exit(1, null);
    expect(p.state).toBe('starting');
    clock.advance(1_000);
    expect(audioOf(spawnedArgs[1])).toBe('none');
    expect(statusLog).toEqual([]);
    // Video-only from now on; a later failure is the camera's again.
    children[1]!.stderr.write('Connection refused\n');
    await tick();
    children[1]!.exit(1, null);
    expect(p.state).toBe('offline');
  });

  it('a host resolved at start: ffmpeg gets the checked URL, or does not start when the address is refused now', async () => {
    const answers: Array<'ok' | 'denied'> = ['denied', 'ok'];
    const resolver: StreamInputResolver = {
      resolve: async () =>
        answers.shift() === 'ok'
          ? { ok: true, input: { inputUrl: 'rtsp://192.168.1.64/x', displayUrl: 'rtsp://cam.example/x', secrets: [], videoMode: 'copy' } }
          : { ok: false, reason: 'stream address is not allowed' },
    };
    const { mgr, children, statusLog } = setup({ resolver });
    const spawned = mgr.acquire('cam1', 'sub', 'v');
    mgr.acquire('cam1', 'sub', 'v2'); // a second viewer while resolving starts nothing more
    await tick();
    expect(children).toHaveLength(0);
    expect([spawned.state, spawned.reason]).toEqual(['offline', 'stream address is not allowed']);
    expect(statusLog).toEqual(['offline cam1 stream address is not allowed']);
    await mgr.stopCamera('cam1');
    const again = mgr.acquire('cam1', 'sub', 'v');
    await tick();
    expect(children).toHaveLength(1);
    expect(again.state).toBe('starting');
    expect(children[0]!.stdin).toContain("file 'rtsp://192.168.1.64/x'");
  });

  describe('RTSP transport', () => {
    const refuse = async (child: FakeChild) => {
      child.stderr.write('[rtsp @ 0x55] method SETUP failed: 461 Unsupported transport\nrtsp://***@127.0.0.1/x: Protocol not supported\n');
      await tick();
      child.exit(1, null);
    };

    it('auto: a camera that refuses TCP (461) is asked over UDP at once, without a failure; UDP is remembered and reported', async () => {
      const rtsp: StreamInput['rtsp'] = { transport: 'auto', inUse: null };
      const { mgr, clock, children, packagers, statusLog, remembered, transportOf } = setup({ rtsp });
      const p = mgr.acquire('cam1', 'sub', 'v');
      expect(transportOf(0)).toBe('tcp');
      await refuse(children[0]!);
      clock.advance(0);
      expect(children).toHaveLength(2);
      expect(transportOf(1)).toBe('udp');
      expect(p.state).toBe('starting');
      expect(p.consecutiveFailures).toBe(0);
      packagers[0]!.fragment();
      expect(p.state).toBe('live');
      expect(remembered).toEqual(['udp']);
      expect(p.status().transport).toBe('udp');
      expect(statusLog).toEqual(['online cam1']);
      // The next start goes straight to UDP.
      children[1]!.exit(1, null);
      clock.advance(8_000);
      expect(transportOf(2)).toBe('udp');
    });

    it('auto: a remembered UDP that stops answering is forgotten, so the next start tries TCP first', async () => {
      const rtsp: StreamInput['rtsp'] = { transport: 'auto', inUse: 'udp' };
      const { mgr, clock, children, remembered, transportOf } = setup({ rtsp });
      mgr.acquire('cam1', 'sub', 'v');
      expect(transportOf(0)).toBe('udp');
      children[0]!.stderr.write('Invalid data found when processing input\n');
      await tick();
      clock.advance(5_000);
      children[0]!.exit(1, null);
      expect(remembered).toEqual([null]);
      clock.advance(8_000);
      expect(transportOf(1)).toBe('tcp');
    });

    it('a fixed tcp setting is not changed: 461 is offline at once as unsupported-transport', async () => {
      const { mgr, children, statusLog, transportOf } = setup({ rtsp: { transport: 'tcp', inUse: null } });
      const p = mgr.acquire('cam1', 'sub', 'v');
      await refuse(children[0]!);
      expect(transportOf(0)).toBe('tcp');
      expect(p.state).toBe('offline');
      expect(p.reasonCode).toBe('unsupported-transport');
      expect(statusLog).toEqual(['offline cam1 camera refused the RTSP transport (461 Unsupported Transport)']);
    });

    it('auto: a camera refusing both transports is offline (unsupported-transport) after one try of each', async () => {
      const { mgr, clock, children, transportOf } = setup({ rtsp: { transport: 'auto', inUse: null } });
      const p = mgr.acquire('cam1', 'sub', 'v');
      await refuse(children[0]!);
      clock.advance(0);
      await refuse(children[1]!);
      expect([transportOf(0), transportOf(1)]).toEqual(['tcp', 'udp']);
      expect(p.state).toBe('offline');
      expect(p.reasonCode).toBe('unsupported-transport');
    });

    it('a camera that accepts the connection and never answers is not responding, with the timeout in the reason', async () => {
      const { mgr, clock, children } = setup({ offlineAfterFailures: 1 });
      const p = mgr.acquire('cam1', 'sub', 'v');
      children[0]!.stderr.write('rtsp://***@127.0.0.1/x: Invalid data found when processing input\n');
      await tick();
      clock.advance(5_000);
      children[0]!.exit(1, null);
      expect(p.reasonCode).toBe('not-responding');
      expect(p.reason).toBe('not responding (timed out after 5 s)');
    });
  });
});

const videoArgs = (args: string[] | undefined) => (args ? args.slice(args.indexOf('-c:v'), args.lastIndexOf('-f')) : []);

describe('StreamManager: H.265 passthrough and transcode', () => {
  it('runs an H.265 camera as two shared pipelines: untouched (hvc1) for HEVC viewers, capped H.264 for the others', () => {
    const { mgr, spawnedArgs } = setup({ h265: new Set(['hevc-cam']), maxPipelines: 10 });
    const copy = mgr.acquire('hevc-cam', 'sub', 'safari', undefined, 'original');
    expect(mgr.acquire('hevc-cam', 'sub', 'edge', undefined, 'original')).toBe(copy);
    const tx = mgr.acquire('hevc-cam', 'sub', 'chromium');
    expect(mgr.acquire('hevc-cam', 'sub', 'chromium-2', undefined, 'compatible')).toBe(tx);
    expect(tx).not.toBe(copy);
    expect(spawnedArgs).toHaveLength(2);
    expect(videoArgs(spawnedArgs[0])).toEqual(['-c:v', 'copy', '-tag:v', 'hvc1']);
    expect(spawnedArgs[1]![spawnedArgs[1]!.indexOf('-c:v') + 1]).toBe('libx264');
    expect(spawnedArgs[1]![spawnedArgs[1]!.indexOf('-maxrate') + 1]).toBe('600k');
    expect(mgr.list().map((s) => [s.video, s.encoder])).toEqual([
      ['copy', null],
      ['transcode', 'libx264'],
    ]);
    // Media requests find the pipeline their playlist came from.
    expect(mgr.find('hevc-cam', 'sub', undefined, undefined, 'original')).toBe(copy);
    expect(mgr.find('hevc-cam', 'sub')).toBe(tx);
  });

  it('caps a transcode below the input rate its passthrough pipeline measured', () => {
    const { mgr, spawnedArgs } = setup({ h265: new Set(['hevc-cam']), maxPipelines: 10 });
    mgr.acquire('hevc-cam', 'main', 'safari', undefined, 'original'); // measures 1 Mbit/s (FakePackager)
    mgr.acquire('hevc-cam', 'main', 'chromium');
    expect(spawnedArgs[1]![spawnedArgs[1]!.indexOf('-maxrate') + 1]).toBe('900k');
  });

  it('shares one copy pipeline between both kinds of viewers of an H.264 camera', () => {
    const { mgr, spawnedArgs } = setup();
    const a = mgr.acquire('avc-cam', 'sub', 'chromium');
    expect(mgr.acquire('avc-cam', 'sub', 'safari', undefined, 'original')).toBe(a);
    expect(spawnedArgs).toHaveLength(1);
    expect(videoArgs(spawnedArgs[0])).toEqual(['-c:v', 'copy']);
  });

  it('refuses a transcode beyond streams.maxTranscodes with transcode-capacity; passthrough is still served', async () => {
    const { mgr, children } = setup({ h265: new Set(['h1', 'h2']), maxTranscodes: 1, maxPipelines: 10 });
    mgr.acquire('h1', 'sub', 'v');
    let refused: unknown = null;
    try {
      mgr.acquire('h2', 'sub', 'v');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ statusCode: 503, code: 'transcode-capacity' });
    expect(children).toHaveLength(1);
    expect(mgr.acquire('h2', 'sub', 'v', undefined, 'original').video).toBe('copy');
    await mgr.stopCamera('h1');
    expect(mgr.acquire('h2', 'sub', 'v').video).toBe('transcode');
  });

  it('reports lagging with the seconds behind when the output falls behind real time, live again once caught up', () => {
    const { mgr, clock, packagers } = setup();
    const p = mgr.acquire('cam1', 'sub', 'v');
    // 0.5× real time: 200 ms of media every 400 ms.
    for (let i = 0; i < 20; i++) {
      packagers[0]!.fragment();
      clock.advance(400);
    }
    packagers[0]!.fragment();
    expect(p.state).toBe('lagging');
    expect(p.status().lagSec).toBeCloseTo(4, 0);
    expect(p.reason).toBe('output 4 s behind real time');
    // It catches up (ffmpeg drains its backlog faster than real time).
    for (let i = 0; i < 40 && p.state === 'lagging'; i++) {
      clock.advance(50);
      packagers[0]!.fragment();
    }
    expect(p.state).toBe('live');
    expect(p.reason).toBeNull();
  });

  describe('in-process ingest', () => {
    const rtsp = (): StreamInput['rtsp'] => ({ transport: 'auto', inUse: null });

    it('receives an RTSP camera without a child, supervised like ffmpeg: live on video, backoff and a new run on a fault', async () => {
      const { mgr, children, runs, packagers, clock } = setup({ ingest: 'auto', rtsp: rtsp() });
      const p = mgr.acquire('cam1', 'sub', 'v');
      expect(children).toHaveLength(0);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.o).toMatchObject({ url: 'rtsp://u:secret@127.0.0.1/x', transport: 'tcp', audio: 'copy', secrets: ['secret'] });
      expect(p.status()).toMatchObject({ ingest: 'in-process', ingestReason: null, pid: null, transport: 'tcp' });
      packagers[0]!.fragment();
      expect(p.status().state).toBe('live');
      // The camera hangs up after video: reconnecting, then a new run after the backoff.
      runs[0]!.end({ failure: 'exited' });
      expect(p.status()).toMatchObject({ state: 'reconnecting', reasonCode: 'disconnected' });
      clock.advance(1500);
      await tick();
      expect(runs).toHaveLength(2);
      expect(packagers[0]!.discontinuities).toBe(1);
    });

    it('a camera found to need ffmpeg (G.711) switches at once: no failure counted, the reason reported', async () => {
      const { mgr, children, runs, clock } = setup({ ingest: 'auto', rtsp: rtsp() });
      const p = mgr.acquire('cam1', 'sub', 'v');
      runs[0]!.end({ needsFfmpeg: 'audio-transcode', detail: 'the camera sends pcma' });
      clock.advance(0); // at once: no backoff
      await tick();
      expect(children).toHaveLength(1);
      expect(runs).toHaveLength(1);
      expect(p.status()).toMatchObject({ ingest: 'ffmpeg', ingestReason: 'audio-transcode', consecutiveFailures: 0, state: 'starting' });
      expect(children[0]!.args).toContain('aac');
    });

    it('the watchdog aborts an in-process run that stopped delivering', () => {
      const { mgr, runs, packagers, clock } = setup({ ingest: 'auto', rtsp: rtsp() });
      mgr.acquire('cam1', 'sub', 'v');
      packagers[0]!.fragment();
      clock.advance(11_000);
      mgr.sweep();
      expect(runs[0]!.aborted).toBe(true);
    });

    it('the camera setting forces ffmpeg (escape hatch), and says so', () => {
      const { mgr, children, runs } = setup({
        ingest: 'auto',
        resolver: { resolve: () => ({ ok: true, input: { inputUrl: 'rtsp://127.0.0.1/x', displayUrl: 'rtsp://127.0.0.1/x', secrets: [], videoMode: 'copy', rtsp: rtsp(), ingest: 'ffmpeg' } }) },
      });
      const p = mgr.acquire('cam1', 'sub', 'v');
      expect(runs).toHaveLength(0);
      expect(children).toHaveLength(1);
      expect(p.status()).toMatchObject({ ingest: 'ffmpeg', ingestReason: 'camera-setting' });
    });
  });
});
