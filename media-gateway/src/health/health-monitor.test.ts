// Offline only after consecutive failed checks from sweeps that measured the cameras, not a stalled gateway: a cold
// start's slow first answers (849 false "设备离线" alarms) must not declare anything offline.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CameraRecord, CameraRepository } from '../db/camera-repository';
import type { CameraStatusService } from './camera-status-service';
import { HealthMonitor, type HealthMonitorOptions } from './health-monitor';
import type { RtspProber } from './rtsp-probe';

const OPTS: HealthMonitorOptions = { intervalSec: 60, concurrency: 4, timeoutMs: 4000, authRetrySec: 3600, offlineAfterFailures: 2, maxEventLoopLagMs: 1000 };

function setup(ids: string[], o: { lagMs?: number[]; sweepMs?: number; opts?: Partial<HealthMonitorOptions> } = {}) {
  const cams = new Map(ids.map((id) => [id, { id, orgUnitId: 'town-a', sourceType: 'rtsp', subStreamUri: `rtsp://127.1.0.1/${id}`, mainStreamUri: null, username: null, status: 'unknown', rtspTransport: 'tcp', transportInUse: null } as unknown as CameraRecord]));
  const down = new Set<string>();
  const reasons = new Map<string, 'not-responding' | 'auth-failed' | 'connection-refused'>();
  const declared: Array<[string, string]> = [];
  const status = {
    record: (id: string, s: 'online' | 'offline') => {
      const cam = cams.get(id)!;
      if (cam.status === s) return false;
      cams.set(id, { ...cam, status: s });
      declared.push([id, s]);
      return true;
    },
  } as unknown as CameraStatusService;
  const cameras = { list: () => ({ items: [...cams.values()], total: cams.size }) } as unknown as CameraRepository;
  const probe: RtspProber = async (url) => {
    const id = url.slice(url.lastIndexOf('/') + 1);
    return down.has(id) ? { status: 'offline', reason: reasons.get(id) ?? 'not-responding', ms: 4000 } : { status: 'online', codec: 'h264', ms: 5 };
  };
  // Fake clock: every sweep takes `sweepMs`; fake lag: one reading per sweep end (a reading at its start resets).
  let t = 0;
  let sweepStart = true;
  const lags = [...(o.lagMs ?? [])];
  const monitor = new HealthMonitor({
    cameras, passwordOf: () => null, probe, status, isLive: () => false, log: pino({ level: 'silent' }),
    opts: { ...OPTS, ...o.opts },
    now: () => (sweepStart ? t : (t += o.sweepMs ?? 100)),
    lag: {
      takeMaxMs: () => {
        sweepStart = !sweepStart;
        return sweepStart ? (lags.shift() ?? 5) : 0;
      },
    },
  });
  return { monitor, down, reasons, declared, cams };
}

describe('HealthMonitor offline confirmation', () => {
  it('declares a camera offline only on the second failed check in a row', async () => {
    const { monitor, down, declared } = setup(['a', 'b']);
    await monitor.sweep();
    down.add('a');
    const first = await monitor.sweep();
    expect(first).toMatchObject({ offline: 1, unconfirmed: 1, overloaded: null });
    expect(declared).toEqual([['a', 'online'], ['b', 'online']]);
    await monitor.sweep();
    expect(declared.at(-1)).toEqual(['a', 'offline']);
  });

  it('a success in between starts the count again', async () => {
    const { monitor, down, declared } = setup(['a']);
    down.add('a');
    await monitor.sweep();
    down.delete('a');
    await monitor.sweep();
    down.add('a');
    await monitor.sweep();
    expect(declared).toEqual([['a', 'online']]);
  });

  it('a refused login declares at once (the camera is not asked again for a while)', async () => {
    const { monitor, down, reasons, declared } = setup(['a']);
    down.add('a');
    reasons.set('a', 'auth-failed');
    await monitor.sweep();
    expect(declared).toEqual([['a', 'offline']]);
  });

  it('a sweep during which the event loop stalled declares nobody offline for a timeout and says so', async () => {
    const { monitor, down, declared } = setup(['a', 'b', 'c'], { lagMs: [5, 2500, 2600, 5] });
    await monitor.sweep();
    for (const id of ['a', 'b', 'c']) down.add(id);
    const stalled = await monitor.sweep();
    expect(stalled).toMatchObject({ overloaded: 'event-loop-lag', eventLoopLagMs: 2500, offline: 3, unconfirmed: 3 });
    await monitor.sweep();
    expect(monitor.lastSweep?.overloaded).toBe('event-loop-lag');
    expect(declared.filter(([, s]) => s === 'offline')).toEqual([]);
    // A healthy sweep that still finds them silent confirms it: the third failure in a row, the last one unambiguous.
    expect(await monitor.sweep()).toMatchObject({ overloaded: null, unconfirmed: 0 });
    expect(declared.filter(([, s]) => s === 'offline').length).toBe(3);
  });

  it('a site whose every sweep is overloaded still learns of dead cameras: a refusal at once, a timeout two sweeps later', async () => {
    const { monitor, down, reasons, declared } = setup(['refused', 'silent'], { lagMs: Array(8).fill(3000) });
    await monitor.sweep();
    down.add('refused');
    down.add('silent');
    reasons.set('refused', 'connection-refused');
    const offline = () => declared.filter(([, s]) => s === 'offline').map(([id]) => id);
    await monitor.sweep();
    await monitor.sweep();
    // A refused connection is the camera's own answer: counted as in any sweep (2 in a row).
    expect(offline()).toEqual(['refused']);
    await monitor.sweep();
    expect(offline()).toEqual(['refused']);
    await monitor.sweep();
    // A timeout needs offlineAfterFailures + OVERLOAD_GRACE_SWEEPS (4) in a row when every sweep is overloaded.
    expect(offline()).toEqual(['refused', 'silent']);
  });

  it('a sweep that ran past its interval declares nobody offline', async () => {
    const { monitor, down, declared } = setup(['a'], { sweepMs: 61_000, opts: { offlineAfterFailures: 1 } });
    down.add('a');
    expect(await monitor.sweep()).toMatchObject({ overloaded: 'overran', durationMs: 61_000, unconfirmed: 1 });
    expect(declared).toEqual([]);
  });

  it('a camera already offline follows its new reason at once, even in an overloaded sweep', async () => {
    const { monitor, down, cams, declared } = setup(['a'], { lagMs: [5000] });
    cams.set('a', { ...cams.get('a')!, status: 'offline' });
    down.add('a');
    const r = await monitor.sweep();
    expect(r).toMatchObject({ overloaded: 'event-loop-lag', unconfirmed: 0 });
    expect(declared).toEqual([]); // already offline: record() saw no change, but it was called rather than held back
  });
});
