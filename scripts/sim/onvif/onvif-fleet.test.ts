import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifDeviceClient } from '../../../media-gateway/src/onvif/onvif-device-client';
import { startFleet, type Fleet } from '../fleet';

describe('fleet with ONVIF', () => {
  let fleet: Fleet;
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'sim-onvif-'));
    fleet = await startFleet({ cameras: 3, port: 0, controlPort: null, baseOctets: [127, 62], cacheDir, onvif: { port: 0, discoveryPort: 0 } });
  });
  afterAll(async () => {
    await fleet?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('gives each camera an ONVIF port and uuid', () => {
    const [a, b] = fleet.cameras;
    expect(a?.uuid).toBe('urn:uuid:c0a7e5e1-51ba-4000-8000-000000000001');
    expect(a?.onvifPort).toBeGreaterThan(0);
    expect(b?.onvifPort).toBeGreaterThan(0);
  });

  it('stop(id) also stops ONVIF, start(id) brings it back on the same port', async () => {
    const cam = fleet.cameras[1]!;
    const url = `http://${cam.host}:${cam.onvifPort}/onvif/device_service`;
    const clock = () => new OnvifDeviceClient(url, { timeoutMs: 1000, maxBytes: 65536 }).measureClock();
    await expect(clock()).resolves.toEqual(expect.any(Number));
    await fleet.stop(cam.id);
    const err = (await clock().catch((e: unknown) => e)) as { kind: string; message: string };
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/ECONNREFUSED|ECONNRESET/); // a kept-alive socket sees the reset first
    await fleet.start(cam.id);
    await expect(clock()).resolves.toEqual(expect.any(Number));
  });

  it('refuses ONVIF in shared address mode', async () => {
    await expect(startFleet({ cameras: 1, addressMode: 'shared', port: 0, controlPort: null, onvif: {} })).rejects.toThrow(/per-camera/);
  });

  it('has no ONVIF unless asked', async () => {
    const plain = await startFleet({ cameras: 1, port: 0, controlPort: null, baseOctets: [127, 63], cacheDir });
    try {
      expect(plain.cameras[0]?.onvifPort).toBeNull();
      expect(plain.cameras[0]?.uuid).toMatch(/^urn:uuid:/);
    } finally {
      await plain.close();
    }
  });
});
