import { describe, expect, it } from 'vitest';
import { FAILURE_TEXT, notRespondingText, type IngestFailure } from '../ingest/ffmpeg-errors';
import { flappingDetail, healthDetailCode } from './health-detail-code';

describe('healthDetailCode', () => {
  it('recovers every fixed failure wording, a not-responding timeout and the flapping detail’s latest reason', () => {
    for (const [code, text] of Object.entries(FAILURE_TEXT)) expect(healthDetailCode(text, null, null), code).toBe(code as IngestFailure);
    expect(healthDetailCode(notRespondingText(5), null, null)).toBe('not-responding');
    expect(healthDetailCode(flappingDetail(4, FAILURE_TEXT['auth-failed']), null, null)).toBe('auth-failed');
  });

  it('takes the camera’s code while its reason is still the alarm’s text (wordings that vary, such as config)', () => {
    expect(healthDetailCode('camera has no stream URI', 'camera has no stream URI', 'config')).toBe('config');
    expect(healthDetailCode('no publisher', 'no publisher', 'no-publisher')).toBe('no-publisher');
    expect(healthDetailCode('camera has no stream URI', 'connection refused', 'connection-refused')).toBeNull();
    expect(healthDetailCode('something else', null, null)).toBeNull();
    expect(healthDetailCode(null, 'x', 'timeout')).toBeNull();
  });
});
