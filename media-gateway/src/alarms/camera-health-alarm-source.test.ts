import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CameraStatusTransition } from '../health/camera-status-service';
import { CAMERA_REASON_CODES } from '../../../contracts/src/stream-status';
import { FAILURE_TEXT } from '../ingest/ffmpeg-errors';
import { CameraFlapDetector } from './camera-flap-detector';
import { CameraHealthAlarmSource, healthAlarmType } from './camera-health-alarm-source';

describe('healthAlarmType', () => {
  it('maps every reason code to an alarm type, from the code alone', () => {
    const mapped = Object.fromEntries(CAMERA_REASON_CODES.map((c) => [c, healthAlarmType(c)]));
    expect(mapped).toEqual({
      'auth-failed': 'auth-failed',
      'connection-refused': 'camera-offline',
      unreachable: 'camera-offline',
      timeout: 'camera-offline',
      'stream-not-found': 'camera-offline',
      'invalid-data': 'camera-offline',
      'protocol-blocked': 'camera-offline',
      'camera-error': 'camera-offline',
      'unsupported-transport': 'camera-offline',
      'not-responding': 'camera-offline',
      stalled: 'stream-stalled',
      disconnected: 'camera-offline',
      exited: 'camera-offline',
      config: 'camera-offline',
      // Never a camera's status (a refused transcode starts no pipeline); mapped by the default only.
      'transcode-capacity': 'camera-offline',
      'no-publisher': 'camera-offline',
    });
    expect(healthAlarmType(null)).toBe('camera-offline');
  });

  it('does not read the English text: a code is needed', () => {
    // The old rule matched FAILURE_TEXT; text alone (as a stray unknown code) must no longer type an alarm.
    expect(healthAlarmType(FAILURE_TEXT['auth-failed'] as never)).toBe('camera-offline');
  });
});

describe('CameraHealthAlarmSource: flap damping', () => {
  const setup = () => {
    const calls: string[] = [];
    let now = 0;
    const source = new CameraHealthAlarmSource(
      {
        raiseHealth: (_id, type) => void calls.push(`raise ${type}`),
        recoverHealth: () => void calls.push('recover'),
        raiseFlapping: (_id, outages) => void calls.push(`flapping ${outages}`),
        resolveFlapping: () => void calls.push('flapping resolved'),
      },
      new CameraFlapDetector({ threshold: 4, windowMs: 600_000 }),
      () => now,
      pino({ level: 'silent' }),
    );
    let status: 'online' | 'offline' | 'unknown' = 'unknown';
    const change = (to: 'online' | 'offline') => {
      const t: CameraStatusTransition = { cameraId: 'c1', orgUnitId: 'o', status: to, reasonCode: to === 'offline' ? 'connection-refused' : null, reason: to === 'offline' ? 'connection refused' : null, previousStatus: status, previousReason: null };
      status = to;
      now += 10_000;
      source.onStatusChange(t);
    };
    return { calls, change, source, advance: (ms: number) => (now += ms) };
  };

  it('one flapping alarm instead of an offline alarm per outage; resolved once stable for the window', () => {
    const { calls, change, source, advance } = setup();
    change('online'); // first observation: no flap
    for (let i = 0; i < 10; i++) {
      change('offline');
      change('online');
    }
    expect(calls.filter((c) => c === 'raise camera-offline')).toHaveLength(2);
    expect(calls.filter((c) => c.startsWith('flapping'))).toEqual(['flapping 3', 'flapping 4', 'flapping 5', 'flapping 6', 'flapping 7', 'flapping 8', 'flapping 9', 'flapping 10']);
    source.settle();
    expect(calls).not.toContain('flapping resolved');
    advance(600_000);
    source.settle();
    expect(calls.at(-1)).toBe('flapping resolved');
  });
});
