import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../cli-args';
import { onvifQuirks, simMac, simOnvifIdentity, simOnvifUuid } from './onvif-identity';

describe('simulated ONVIF identity', () => {
  it('derives UUID, MAC and vendor style from the index', () => {
    expect(simOnvifUuid(42)).toBe('urn:uuid:c0a7e5e1-51ba-4000-8000-000000000042');
    expect(simOnvifUuid(880)).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const macs = new Set(Array.from({ length: 880 }, (_, i) => simMac(i + 1)));
    expect(macs.size).toBe(880);
    expect(simOnvifIdentity(1).style).toBe('hik');
    expect(simOnvifIdentity(2).style).toBe('dahua');
  });

  it('spreads the quirks as documented', () => {
    const count = (pick: (i: number) => boolean) => Array.from({ length: 50 }, (_, i) => i + 1).filter(pick);
    expect(count((i) => onvifQuirks(i).clockOffsetMin === 13)).toEqual([3, 10, 17, 24, 31, 38, 45]);
    expect(count((i) => onvifQuirks(i).clockOffsetMin === -9)).toEqual([6, 13, 20, 27, 34, 41, 48]);
    expect(count((i) => onvifQuirks(i).thirdProfile)).toEqual([4, 14, 24, 34, 44]);
    expect(count((i) => onvifQuirks(i).digestOnly)).toEqual([7, 17, 27, 37, 47]);
    expect(count((i) => onvifQuirks(i).wrongStreamHost)).toEqual([5, 13, 21, 29, 37, 45]);
    expect(count((i) => onvifQuirks(i).faultOnBadAuth)).toEqual([9, 21, 33, 45]);
    expect(count((i) => onvifQuirks(i).ptz)).toHaveLength(16);
    expect(onvifQuirks(2)).toEqual({ clockOffsetMin: 0, thirdProfile: false, digestOnly: false, wrongStreamHost: false, faultOnBadAuth: false, ptz: false });
  });

  it('CLI: --onvif[=PORT]', () => {
    expect(parseCliArgs(['--onvif'])).toMatchObject({ kind: 'run', options: { onvif: { port: 8080 } } });
    expect(parseCliArgs(['--onvif=0'])).toMatchObject({ kind: 'run', options: { onvif: { port: 0 } } });
    expect(parseCliArgs([])).toMatchObject({ kind: 'run', options: { onvif: undefined } });
    expect(parseCliArgs(['--onvif=99999'])).toEqual({ kind: 'error', message: '--onvif: PORT must be 0..65535' });
    expect(parseCliArgs(['--onvif', '--address-mode', 'shared'])).toEqual({ kind: 'error', message: '--onvif: needs --address-mode per-camera' });
  });
});
