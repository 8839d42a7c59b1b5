import { describe, expect, it } from 'vitest';
import { CAMERA_REASON_CODES } from '../../../contracts/src/stream-status';
import { FAILURE_TEXT } from '../ingest/ffmpeg-errors';
import { healthAlarmType } from './camera-health-alarm-source';

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
      stalled: 'stream-stalled',
      exited: 'camera-offline',
      config: 'camera-offline',
      'no-publisher': 'camera-offline',
    });
    expect(healthAlarmType(null)).toBe('camera-offline');
  });

  it('does not read the English text: a code is needed', () => {
    // The old rule matched FAILURE_TEXT; text alone (as a stray unknown code) must no longer type an alarm.
    expect(healthAlarmType(FAILURE_TEXT['auth-failed'] as never)).toBe('camera-offline');
  });
});
