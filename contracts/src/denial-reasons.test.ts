import { describe, expect, it } from 'vitest';
import { denialReasonCode } from './denial-reasons';

describe('denialReasonCode', () => {
  it('finds the code in the reasons the gateway writes', () => {
    expect(denialReasonCode('role viewer lacks permission camera.live-main')).toBe('permission-missing');
    expect(denialReasonCode('camera is outside your org-unit scope')).toBe('out-of-scope');
    expect(denialReasonCode('body.orgUnitId: org unit 141130102 is outside your scope')).toBe('out-of-scope');
    expect(denialReasonCode('wall hall-1 belongs to the county, outside your scope')).toBe('out-of-scope');
    expect(denialReasonCode('only county-level users may define a county wall')).toBe('county-level-only');
    expect(denialReasonCode('only a county-level user may write a rule for every org unit')).toBe('county-level-only');
    expect(denialReasonCode('HLS token expired')).toBe('hls-token-expired');
    expect(denialReasonCode('HLS token user no longer active')).toBe('user-inactive');
    expect(denialReasonCode('you cannot change your own role, scope or enabled state')).toBe('self-change-refused');
    expect(denialReasonCode('API key invalid or revoked')).toBe('api-key-invalid');
    expect(denialReasonCode('something new')).toBe('other');
  });
});
