import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from '../../../media-gateway/src/onvif/http-digest';
import { OnvifDeviceClient } from '../../../media-gateway/src/onvif/onvif-device-client';
import { buildEnvelope, REQUESTS, usernameToken } from '../../../media-gateway/src/onvif/onvif-soap';
import { buildProbe, newMessageId, parseProbeMatches, scopeValue } from '../../../media-gateway/src/onvif/ws-discovery-messages';
import { simCameraIdentity } from '../camera-identity';
import { NonceIssuer } from '../rtsp-digest';
import { OnvifDevice } from './onvif-device';
import { simOnvifIdentity } from './onvif-identity';

const HOST = (i: number) => `127.61.0.${i}`;
const devices = new Map<number, OnvifDevice>();
let broken = false;

function device(i: number): OnvifDevice {
  const d = devices.get(i);
  if (!d) throw new Error(`no device ${i}`);
  return d;
}

const clientFor = (i: number, password = simCameraIdentity(i).password) => {
  const c = new OnvifDeviceClient(device(i).deviceServiceUrl, { timeoutMs: 2000, maxBytes: 256 * 1024 });
  c.useCredential({ username: 'admin', password });
  return c;
};

async function post(i: number, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(device(i).deviceServiceUrl, { method: 'POST', headers: { 'content-type': 'application/soap+xml', ...headers }, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function probe(i: number, datagram: string, waitMs = 1000): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const done = (v: Buffer | null) => {
      clearTimeout(t);
      s.close();
      resolve(v);
    };
    const t = setTimeout(() => done(null), waitMs);
    s.on('message', (m) => done(m));
    s.bind(0, '127.0.0.1', () => s.send(datagram, device(i).discoveryPort, HOST(i)));
  });
}

beforeAll(async () => {
  const nonces = new NonceIssuer();
  for (const i of [1, 3, 4, 5, 7, 9]) {
    const camera = simCameraIdentity(i);
    const d = new OnvifDevice({
      camera,
      onvif: simOnvifIdentity(i),
      host: HOST(i),
      httpPort: 0,
      discoveryPort: 0,
      streamUrls: () => ({ main: `rtsp://${HOST(i)}:8554/Streaming/Channels/101`, sub: `rtsp://${HOST(i)}:8554/Streaming/Channels/102` }),
      authBroken: () => broken,
      colour: camera.colour,
      nonces,
    });
    await d.listen();
    devices.set(i, d);
  }
});

afterAll(async () => {
  await Promise.all([...devices.values()].map((d) => d.close()));
});

describe('simulated ONVIF device', () => {
  it('answers a WS-Discovery Probe with a ProbeMatch relating to it', async () => {
    const id = newMessageId();
    const answer = await probe(1, buildProbe(id));
    const r = parseProbeMatches(answer!);
    expect(r.relatesTo).toBe(id);
    expect(r.matches[0]).toMatchObject({ uuid: 'urn:uuid:c0a7e5e1-51ba-4000-8000-000000000001', xaddrs: [device(1).deviceServiceUrl], types: ['NetworkVideoTransmitter', 'Device'] });
    expect(scopeValue(r.matches[0]!.scopes, 'name')).toBe('SIM-0001');
    expect(parseProbeMatches((await probe(1, buildProbe(newMessageId(), 'device')))!).matches).toHaveLength(1);
  });

  it('ignores Probes for other types and garbage', async () => {
    expect(await probe(1, buildProbe(newMessageId()).replace('dn:NetworkVideoTransmitter', 'wsdp:Printer'), 300)).toBeNull();
    expect(await probe(1, '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', 300)).toBeNull();
    expect(await probe(1, 'hello', 300)).toBeNull();
  });

  it('serves GetSystemDateAndTime without auth, on its own (skewed) clock', async () => {
    const c = new OnvifDeviceClient(device(3).deviceServiceUrl, { timeoutMs: 2000, maxBytes: 256 * 1024 });
    const offset = await c.measureClock();
    expect(Math.abs(offset! - 13 * 60_000)).toBeLessThan(1500);
  });

  it('accepts a right UsernameToken, rejects a wrong, stale or replayed one', async () => {
    const pw = simCameraIdentity(1).password;
    const ok = await post(1, buildEnvelope(REQUESTS.getDeviceInformation, usernameToken('admin', pw, new Date())));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<tds:Manufacturer>SIMVISION</tds:Manufacturer>');
    const wrong = await post(1, buildEnvelope(REQUESTS.getDeviceInformation, usernameToken('admin', 'nope', new Date())));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Digest realm="County Video Sim SIM-0001"/);
    expect(wrong.text).toContain('ter:NotAuthorized');
    expect((await post(1, buildEnvelope(REQUESTS.getDeviceInformation, usernameToken('admin', pw, new Date(Date.now() - 10 * 60_000))))).status).toBe(401);
    const t = usernameToken('admin', pw, new Date());
    expect((await post(1, buildEnvelope(REQUESTS.getDeviceInformation, t))).status).toBe(200);
    expect((await post(1, buildEnvelope(REQUESTS.getDeviceInformation, t))).status).toBe(401);
  });

  it('needs the clock offset: an uncorrected Created fails on a device 13 minutes fast', async () => {
    const pw = simCameraIdentity(3).password;
    expect((await post(3, buildEnvelope(REQUESTS.getDeviceInformation, usernameToken('admin', pw, new Date())))).status).toBe(401);
    const c = clientFor(3);
    await c.measureClock();
    await expect(c.deviceInformation()).resolves.toMatchObject({ manufacturer: 'SIMVISION' });
  });

  it('digest-only device: a UsernameToken alone gets a 401 challenge, HTTP Digest works', async () => {
    const r = await post(7, buildEnvelope(REQUESTS.getDeviceInformation, usernameToken('admin', simCameraIdentity(7).password, new Date())));
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toBe('text/html');
    const ch = parseDigestChallenge(r.headers.get('www-authenticate') ?? undefined)!;
    const auth = digestAuthorization(ch, { username: 'admin', password: simCameraIdentity(7).password }, 'POST', '/onvif/device_service', 1);
    expect((await post(7, buildEnvelope(REQUESTS.getDeviceInformation), { authorization: auth })).status).toBe(200);
    await expect(clientFor(7).deviceInformation()).resolves.toMatchObject({ manufacturer: 'SIMVISION' });
  });

  it('fault-on-bad-auth device: wrong credentials get HTTP 400 with ter:NotAuthorized and no challenge', async () => {
    const r = await post(9, buildEnvelope(REQUESTS.getDeviceInformation, usernameToken('admin', 'nope', new Date())));
    expect(r.status).toBe(400);
    expect(r.headers.get('www-authenticate')).toBeNull();
    expect(r.text).toContain('<SOAP-ENV:Value>ter:NotAuthorized</SOAP-ENV:Value>');
    await expect(clientFor(9, 'nope').deviceInformation()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('profiles, stream URIs (right and wrong host), snapshot URI, services', async () => {
    const c4 = clientFor(4);
    const media4 = (await c4.services()).mediaXAddr!;
    expect((await c4.profiles(media4)).map((p) => `${p.token} ${p.video?.width}x${p.video?.height}`)).toEqual(['MediaProfile00000 1280x720', 'MediaProfile00001 640x360', 'MediaProfile00002 176x144']);
    expect(await c4.streamUri(media4, 'MediaProfile00001')).toBe(`rtsp://${HOST(4)}:8554/Streaming/Channels/102`);
    expect(await c4.snapshotUri(media4, 'MediaProfile00000')).toBe(`http://${HOST(4)}:${device(4).httpPort}/onvifsnapshot/media_service/snapshot?channel=1&subtype=0`);
    await expect(c4.streamUri(media4, 'nope')).rejects.toMatchObject({ kind: 'fault' });
    const c5 = clientFor(5);
    const caps = await c5.capabilities();
    expect(caps).toEqual({ mediaXAddr: `http://${HOST(5)}:${device(5).httpPort}/onvif/media_service`, ptzXAddr: null });
    expect(await c5.streamUri(caps.mediaXAddr!, 'Profile_1')).toBe('rtsp://192.0.2.10:8554/Streaming/Channels/101');
    expect((await clientFor(9).services()).ptzXAddr).toBe(`http://${HOST(9)}:${device(9).httpPort}/onvif/ptz_service`);
    expect(await clientFor(1).macAddress()).toMatch(/^02:[0-9a-f]{2}:5e:00:00:01$/);
  });

  it('serves a JPEG snapshot of the camera colour behind HTTP Digest', async () => {
    const url = `http://${HOST(1)}:${device(1).httpPort}/onvif-http/snapshot?Profile_1`;
    const first = await fetch(url);
    expect(first.status).toBe(401);
    const ch = parseDigestChallenge(first.headers.get('www-authenticate') ?? undefined)!;
    const auth = digestAuthorization(ch, { username: 'admin', password: simCameraIdentity(1).password }, 'GET', '/onvif-http/snapshot?Profile_1', 1);
    const res = await fetch(url, { headers: { authorization: auth } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await res.arrayBuffer());
    const r = spawnSync('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { input: jpeg });
    expect(r.status, r.stderr.toString()).toBe(0);
    const c = simCameraIdentity(1).colour;
    expect(Math.max(Math.abs(r.stdout[0]! - c.r), Math.abs(r.stdout[1]! - c.g), Math.abs(r.stdout[2]! - c.b))).toBeLessThanOrEqual(3);
  });

  it('rejects everything authenticated while auth is broken', async () => {
    broken = true;
    try {
      await expect(clientFor(1).deviceInformation()).rejects.toMatchObject({ kind: 'auth' });
      const c = new OnvifDeviceClient(device(1).deviceServiceUrl, { timeoutMs: 2000, maxBytes: 256 * 1024 });
      await expect(c.measureClock()).resolves.toEqual(expect.any(Number));
    } finally {
      broken = false;
    }
  });
});
