import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoPtzError, PtzDevice } from '../../../media-gateway/src/onvif/ptz-device';
import { buildEnvelope, usernameToken } from '../../../media-gateway/src/onvif/onvif-soap';
import { simCameraIdentity } from '../camera-identity';
import { PtzState } from '../ptz-state';
import { NonceIssuer } from '../rtsp-digest';
import { OnvifDevice } from './onvif-device';
import { simOnvifIdentity } from './onvif-identity';
import { durationMs, readVector } from './ptz-service';

const HOST = (i: number) => `127.62.0.${i}`;
const devices = new Map<number, OnvifDevice>();
const heads = new Map<number, PtzState>();

const clientFor = (i: number, password = simCameraIdentity(i).password) =>
  new PtzDevice({ host: HOST(i), deviceServiceUrl: devices.get(i)!.deviceServiceUrl, credential: { username: 'admin', password } }, { timeoutMs: 2000, maxBytes: 256 * 1024 });

beforeAll(async () => {
  const nonces = new NonceIssuer();
  // 1: no PTZ. 3: PTZ, clock 13 min fast. 6: PTZ, Dahua style, clock 9 min slow. 27: PTZ, HTTP Digest only. 9: PTZ, SOAP fault on bad auth.
  for (const i of [1, 3, 6, 9, 27]) {
    const camera = simCameraIdentity(i);
    const onvif = simOnvifIdentity(i);
    const head = onvif.quirks.ptz ? new PtzState() : undefined;
    if (head) heads.set(i, head);
    const d = new OnvifDevice({
      camera,
      onvif,
      host: HOST(i),
      httpPort: 0,
      discoveryPort: 0,
      streamUrls: () => ({ main: `rtsp://${HOST(i)}:8554/main`, sub: `rtsp://${HOST(i)}:8554/sub` }),
      authBroken: () => false,
      colour: camera.colour,
      nonces,
      ptz: head,
    });
    await d.listen();
    devices.set(i, d);
  }
});

afterAll(async () => {
  await Promise.all([...devices.values()].map((d) => d.close()));
});

describe('simulated ONVIF PTZ service, driven by the gateway PTZ client', () => {
  it.each([3, 6, 27])('camera %i: move, status, stop, presets (clock skew, vendor style and digest quirks)', async (i) => {
    const ptz = clientFor(i);
    const head = heads.get(i)!;
    await ptz.move({ pan: 1, tilt: 0, zoom: 0 }, 5);
    expect(head.moving().panTilt).toBe(true);
    const moving = await ptz.status();
    expect(moving.moving).toEqual({ panTilt: true, zoom: false });
    await new Promise((r) => setTimeout(r, 300));
    await ptz.stop();
    const st = await ptz.status();
    expect(st.moving).toEqual({ panTilt: false, zoom: false });
    expect(st.position.pan).toBeGreaterThan(0.1);
    expect(st.position.pan).toBeCloseTo(head.position().pan, 4);

    const token = await ptz.setPreset('东门 <1>');
    expect((await ptz.presets()).map((p) => [p.token, p.name])).toEqual([[token, '东门 <1>']]);
    head.absoluteMove({ pan: -1, tilt: -1, zoom: 1 });
    await ptz.gotoPreset(token);
    expect(head.position().pan).toBeCloseTo(st.position.pan!, 4);
    await ptz.removePreset(token);
    expect(await ptz.presets()).toEqual([]);
    await expect(ptz.gotoPreset(token)).rejects.toMatchObject({ kind: 'fault' });
  });

  it('reports a device without PTZ as NoPtzError, and a wrong password as an auth error', async () => {
    await expect(clientFor(1).status()).rejects.toBeInstanceOf(NoPtzError);
    await expect(clientFor(3, 'wrong').status()).rejects.toMatchObject({ kind: 'auth' });
    await expect(clientFor(9, 'wrong').status()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('requires auth for PTZ operations and refuses unknown profiles', async () => {
    const url = devices.get(3)!.deviceServiceUrl.replace('device_service', 'ptz_service');
    const stop = '<tptz:Stop><tptz:ProfileToken>Profile_1</tptz:ProfileToken></tptz:Stop>';
    const noAuth = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body: buildEnvelope(stop) });
    expect(noAuth.status).toBe(401);
    const device = devices.get(3)!;
    const token = () => usernameToken('admin', simCameraIdentity(3).password, new Date(device.deviceNow()));
    const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body: buildEnvelope(stop.replace('Profile_1', 'Nope'), token()) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('ter:InvalidArgVal');
    const nodes = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/soap+xml' }, body: buildEnvelope('<tptz:GetNodes/>', token()) });
    expect(await nodes.text()).toContain('<tt:MaximumNumberOfPresets>64</tt:MaximumNumberOfPresets>');
  });

  it('reads velocities and xs:durations', () => {
    expect(readVector({ PanTilt: { '@_x': '0.5', '@_y': '-1' }, Zoom: { '@_x': 'junk' } })).toEqual({ pan: 0.5, tilt: -1 });
    expect([durationMs('PT1S'), durationMs('PT0.5S'), durationMs('PT1M2S'), durationMs('P1D'), durationMs(null)]).toEqual([1000, 500, 62_000, null, null]);
  });
});
