import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifError } from '../../../media-gateway/src/onvif/onvif-device-client';
import { OnvifEventClient } from '../../../media-gateway/src/onvif/onvif-event-client';
import { simCameraIdentity } from '../camera-identity';
import { NonceIssuer } from '../rtsp-digest';
import { parseDurationMs } from './events-service';
import { OnvifDevice } from './onvif-device';
import { simOnvifIdentity } from './onvif-identity';

/** The simulated Events service through the gateway's own client. Devices on 127.48.0.x (this file only). */
const HOST = (i: number) => `127.48.0.${i}`;
const devices = new Map<number, OnvifDevice>();

const device = (i: number): OnvifDevice => devices.get(i)!;
const clientFor = (i: number, password = simCameraIdentity(i).password) =>
  new OnvifEventClient({ deviceServiceUrl: device(i).deviceServiceUrl, credential: { username: 'admin', password }, requestTimeoutMs: 2000, pullSlackMs: 2000, maxBytes: 256 * 1024 });

beforeAll(async () => {
  const nonces = new NonceIssuer();
  // 1 Hikvision-style, 2 Dahua-style, 3 clock 13 min fast, 7 HTTP Digest only.
  for (const i of [1, 2, 3, 7]) {
    const camera = simCameraIdentity(i);
    const d = new OnvifDevice({
      camera,
      onvif: simOnvifIdentity(i),
      host: HOST(i),
      httpPort: 0,
      discoveryPort: 0,
      streamUrls: () => ({ main: `rtsp://${HOST(i)}:8554/main`, sub: `rtsp://${HOST(i)}:8554/sub` }),
      authBroken: () => false,
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

describe('simulated ONVIF events (PullPoint)', () => {
  it('parses ISO 8601 durations', () => {
    expect(parseDurationMs('PT60S')).toBe(60_000);
    expect(parseDurationMs('PT1M30S')).toBe(90_000);
    expect(parseDurationMs('P1DT1H')).toBe(25 * 3600_000);
    expect(parseDurationMs('PT0.5S')).toBe(500);
    expect(parseDurationMs('60')).toBeNull();
    expect(parseDurationMs('PT')).toBeNull();
  });

  it.each([1, 2, 3, 7])('camera %i: events service, subscribe, initial states, a raised motion arrives during the long poll', async (i) => {
    const c = clientFor(i);
    const eventsUrl = await c.findEventsService();
    expect(eventsUrl).toBe(`http://${HOST(i)}:${device(i).httpPort}/onvif/Events`);
    const sub = await c.subscribe(eventsUrl!, 60);
    expect(sub.address.startsWith(`http://${HOST(i)}:${device(i).httpPort}/onvif/`)).toBe(true);
    expect(sub.lifetimeMs).toBe(60_000);
    const first = await c.pull(sub.address, 5, 10);
    expect(first.notifications.map((n) => [n.kind, n.state, n.propertyOperation])).toEqual([
      ['motion', false, 'Initialized'],
      ['tamper', false, 'Initialized'],
    ]);
    const started = Date.now();
    setTimeout(() => device(i).raiseEvent('motion'), 300);
    const second = await c.pull(sub.address, 5, 10);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(second.notifications).toHaveLength(1);
    expect(second.notifications[0]).toMatchObject({ kind: 'motion', state: true, propertyOperation: 'Changed', source: 'VideoSource_1', topic: 'tns1:VideoSource/MotionAlarm' });
    // UtcTime is on the device clock (camera 3 runs 13 minutes fast).
    const skew = second.notifications[0]!.utcTime! - Date.now();
    expect(Math.abs(skew - simOnvifIdentity(i).quirks.clockOffsetMin * 60_000)).toBeLessThan(5000);
    await c.unsubscribe(sub.address, 2000);
  });

  it('an empty long poll lasts its Timeout; MessageLimit is honoured; tamper has its own topic', async () => {
    const c = clientFor(2);
    const sub = await c.subscribe((await c.findEventsService())!, 60);
    await c.pull(sub.address, 1, 10); // initial states
    const started = Date.now();
    const empty = await c.pull(sub.address, 1, 10);
    expect(empty.notifications).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(device(2).raiseEvent('tamper')).toBeGreaterThanOrEqual(1);
    device(2).raiseEvent('tamper', false);
    device(2).raiseEvent('motion');
    const one = await c.pull(sub.address, 1, 1);
    expect(one.notifications.map((n) => [n.topic, n.state])).toEqual([['tns1:VideoSource/GlobalSceneChange/ImagingService', true]]);
    const rest = await c.pull(sub.address, 1, 10);
    expect(rest.notifications.map((n) => [n.kind, n.state])).toEqual([
      ['tamper', false],
      ['motion', true],
    ]);
    device(2).raiseEvent('motion', false);
    await c.unsubscribe(sub.address, 2000);
  });

  it('Renew extends a subscription; an expired or unsubscribed one is a SOAP fault', async () => {
    const c = clientFor(1);
    const eventsUrl = (await c.findEventsService())!;
    const short = await c.subscribe(eventsUrl, 1);
    expect(short.lifetimeMs).toBe(1000);
    const renewed = await c.renew(short.address, 30);
    expect(renewed.lifetimeMs).toBe(30_000);
    await c.unsubscribe(short.address, 2000);
    await expect(c.pull(short.address, 1, 10)).rejects.toMatchObject({ kind: 'fault' });

    const expiring = await c.subscribe(eventsUrl, 1);
    await new Promise((r) => setTimeout(r, 1300));
    await expect(c.pull(expiring.address, 1, 10)).rejects.toBeInstanceOf(OnvifError);
    await expect(c.renew(expiring.address, 30)).rejects.toMatchObject({ kind: 'fault' });
  });

  it('needs credentials', async () => {
    const c = clientFor(1, 'wrong-password');
    await expect(c.findEventsService()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('a restart (stop, start) drops every subscription', async () => {
    const c = clientFor(2);
    const sub = await c.subscribe((await c.findEventsService())!, 60);
    expect(device(2).events.subscriptionCount).toBeGreaterThanOrEqual(1);
    await device(2).close();
    await device(2).listen();
    expect(device(2).events.subscriptionCount).toBe(0);
    expect(device(2).raiseEvent('motion')).toBe(0);
    // The kept-alive connection died with the restart (network error); asked again, the device knows no such subscription.
    const kinds: string[] = [];
    for (let attempt = 0; attempt < 2 && !kinds.includes('fault'); attempt++) kinds.push(await c.pull(sub.address, 1, 10).then(() => 'ok', (e: OnvifError) => e.kind));
    expect(kinds.at(-1)).toBe('fault');
    device(2).raiseEvent('motion', false);
  });
});
