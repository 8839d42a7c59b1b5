import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ChildHandle, ProcessSpawner } from '../ingest/process-spawner';
import { ManualClock } from '../platform/testing/manual-clock';
import type { HlsPackager } from '../packager/hls-packager';
import { StreamManager } from './stream-manager';

class FakeChild extends EventEmitter implements ChildHandle {
  static next = 100;
  readonly pid = FakeChild.next++;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  signals: string[] = [];
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

class FakePackager {
  lastFragmentAt: number | null = null;
  discontinuities = 0;
  closed = false;
  private listeners: Array<() => void> = [];
  constructor(private readonly clock: ManualClock) {}
  push() {}
  fragment() {
    this.lastFragmentAt = this.clock.now();
    for (const l of this.listeners) l();
  }
  onFragment(l: () => void) {
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
    return { lastFragmentAt: this.lastFragmentAt, fps: 25, bitrateBps: 1e6, codec: 'avc1.4d401e', audioCodec: null, codecs: 'avc1.4d401e', width: 640, height: 360, fragments: 0, bytes: 0, segments: 0, latestMsn: null, lastError: null };
  }
}

function setup(overrides: { offlineAfterFailures?: number } = {}) {
  const blocked = new Set<string>();
  const clock = new ManualClock(1_000_000);
  const children: FakeChild[] = [];
  const spawnedArgs: string[][] = [];
  const spawner: ProcessSpawner = (_cmd, args) => {
    const c = new FakeChild();
    children.push(c);
    spawnedArgs.push(args);
    return c;
  };
  const packagers: FakePackager[] = [];
  const statusLog: string[] = [];
  const mgr = new StreamManager({
    clock,
    spawner,
    resolver: { resolve: () => ({ ok: true, input: { inputUrl: 'rtsp://u:secret@127.0.0.1/x', displayUrl: 'rtsp://***@127.0.0.1/x', secrets: ['secret'], videoMode: 'copy' } }) },
    status: { online: (id) => statusLog.push(`online ${id}`), offline: (id, r) => statusLog.push(`offline ${id} ${r.text}`) },
    log: pino({ level: 'silent' }),
    idleStopSec: 30,
    maxPipelines: 2,
    settings: { ffmpegPath: 'ffmpeg', ioTimeoutSec: 5, stallTimeoutSec: 10, backoffInitialMs: 1000, backoffMaxMs: 8000, offlineAfterFailures: overrides.offlineAfterFailures ?? 2, fragmentMs: 200, userAgent: 'ua', viewerWindowMs: 10_000 },
    authBlock: { isBlocked: (id) => blocked.has(id), block: (id) => void blocked.add(id), clear: (id) => blocked.delete(id) },
    createPackager: () => {
      const p = new FakePackager(clock);
      packagers.push(p);
      return p as unknown as HlsPackager;
    },
  });
  return { clock, children, spawnedArgs, packagers, statusLog, mgr, blocked };
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
});
