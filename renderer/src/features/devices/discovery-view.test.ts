import { describe, expect, it } from 'vitest';
import { clockOffsetText, ptzKey, scanStartedText } from './discovery-view';
import { devicesEn, devicesZhCN } from './device-strings';
import { rememberScanCredentials, scanCredentials } from './scan-credentials';

describe('discovery table', () => {
  it('a device the scan could not log into: PTZ unknown (said so, in both languages), never "none"', () => {
    expect(ptzKey(null)).toBe('discovery.ptzUnknown');
    expect(ptzKey(false)).toBe('discovery.no');
    expect(ptzKey(true)).toBe('discovery.yes');
    expect(devicesZhCN['discovery.ptzUnknown']).toMatch(/未知/);
    expect(devicesEn['discovery.ptzUnknown']).toMatch(/Unknown/);
    expect(devicesZhCN['discovery.clockUnknown']).toBe('未知');
  });

  it('clock offset: signed seconds, null when unknown (not 0)', () => {
    expect(clockOffsetText(780)).toBe('+780');
    expect(clockOffsetText(-540)).toBe('-540');
    expect(clockOffsetText(0)).toBe('0');
    expect(clockOffsetText(null)).toBeNull();
  });

  it('recent scans: start time in local time; their credentials stay in page memory only, bounded', () => {
    const d = new Date(2026, 11, 7, 21, 5);
    expect(scanStartedText(d.toISOString())).toBe('12-07 21:05');
    expect(scanStartedText('nonsense')).toBe('');
    rememberScanCredentials('s0', [{ username: 'admin', password: 'p0' }]);
    expect(scanCredentials('s0')).toEqual([{ username: 'admin', password: 'p0' }]);
    for (let i = 1; i <= 10; i++) rememberScanCredentials(`s${i}`, []);
    expect(scanCredentials('s0')).toBeNull();
    expect(scanCredentials('s10')).toEqual([]);
    expect(scanCredentials('never')).toBeNull();
  });
});
