import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { DiscoveryProgress, DiscoveryScanRequest } from '../../../contracts/src/discovery';
import { DiscoveryService, type DiscoveryServiceDeps } from './discovery-service';
import { passwordDigest } from '../onvif/onvif-soap';
import { parseSafeXml, path, text } from '../onvif/safe-xml';
import type { HttpReply, SoapPoster } from '../onvif/soap-http';
import { onvifFixture } from '../onvif/test-fixtures';
import type { ProbePlan, ProbeSink, WsDiscoveryTransport } from './ws-discovery-transport';

/** Answers per target address: a function of the Probe's MessageID, or nothing. */
type Responder = (messageId: string) => Array<string | Buffer>;

class FakeTransport implements WsDiscoveryTransport {
  probes = 0;
  constructor(private readonly responders: Record<string, Responder>) {}
  async run(plan: ProbePlan, _t: unknown, sink: ProbeSink): Promise<void> {
    if (plan.mode !== 'unicast') throw new Error('unicast only');
    for (const target of plan.targets) {
      const id = `urn:uuid:00000000-0000-4000-8000-${String(++this.probes).padStart(12, '0')}`;
      sink.sent(id);
      sink.probed(target);
      for (const d of this.responders[target]?.(id) ?? []) sink.datagram(target, Buffer.from(d));
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const hikMatch = (uuid: string) => (relatesTo: string) => [
  onvifFixture('hikvision/probe-match.xml').replace('urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a', relatesTo).replace('urn:uuid:544F4E56-4944-4F4E-5643-C056E3000001', uuid),
];

/** A Hikvision-style device (fixture replies) behind every address; the password is "right". */
const hikDevice: SoapPoster = async (_url, body, o): Promise<HttpReply> => {
  const action = /action="[^"]*\/(\w+)"/.exec(o.headers['content-type'] ?? '')?.[1] ?? '';
  const ok = (file: string): HttpReply => ({ status: 200, headers: {}, body: Buffer.from(onvifFixture(`hikvision/${file}`)) });
  if (action === 'GetSystemDateAndTime') return ok('get-system-date-and-time.xml');
  const ut = path(parseSafeXml(body), 'Envelope', 'Header', 'Security', 'UsernameToken');
  const created = text(path(ut, 'Created')) ?? '';
  const nonce = Buffer.from(text(path(ut, 'Nonce')) ?? '', 'base64');
  if (text(path(ut, 'Password')) !== passwordDigest(nonce, created, 'right')) return { status: 401, headers: {}, body: Buffer.from(onvifFixture('hikvision/fault-not-authorized.xml')) };
  const files: Record<string, string> = {
    GetDeviceInformation: 'get-device-information.xml',
    GetServices: 'get-services.xml',
    GetNetworkInterfaces: 'get-network-interfaces.xml',
    GetProfiles: 'get-profiles.xml',
    GetStreamUri: 'get-stream-uri.xml',
    GetSnapshotUri: 'get-snapshot-uri.xml',
  };
  return files[action] ? ok(files[action]) : { status: 500, headers: {}, body: Buffer.from(onvifFixture('hikvision/fault-action-not-supported.xml')) };
};

function service(responders: Record<string, Responder>, over: Partial<DiscoveryServiceDeps> = {}) {
  const published: DiscoveryProgress[] = [];
  const svc = new DiscoveryService({
    log: pino({ level: 'silent' }),
    publish: (p) => published.push(p),
    cameras: { match: () => new Map(), rememberUuids: () => 0 },
    canSeeOrgUnit: () => true,
    canManage: (u) => u.orgUnitId === null,
    transport: new FakeTransport(responders),
    post: hikDevice,
    networks: () => ({ broadcasts: new Set(), interfaceAddress: (n) => (n === 'eth9' ? '10.9.9.9' : null) }),
    ...over,
  });
  return { svc, published };
}

async function finished(svc: DiscoveryService, id: string) {
  for (let i = 0; i < 200; i++) {
    const r = svc.get(id, { orgUnitId: null })!;
    if (r.state !== 'running') return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('scan did not finish');
}

const req = (over: Partial<DiscoveryScanRequest>): DiscoveryScanRequest => ({ mode: 'unicast', ranges: ['10.0.0.1-4'], credentials: [], windowMs: 200, ...over });

describe('DiscoveryService', () => {
  it('finds, de-duplicates, queries and pins; skips hostile answers with a reason; keeps no credentials', async () => {
    const { svc, published } = service({
      '10.0.0.1': (id) => [...hikMatch('urn:uuid:aaaa')(id), ...hikMatch('urn:uuid:aaaa')(id)], // the same device twice
      '10.0.0.2': () => ['<not-xml'],
      '10.0.0.3': (id) => [onvifFixture('hostile/probe-match-no-xaddrs.xml').replace('urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a', id)],
      '10.0.0.4': () => hikMatch('urn:uuid:bbbb')('urn:uuid:not-one-of-ours'),
      '10.0.0.5': hikMatch('urn:uuid:aaaa'), // cloned firmware: the same UUID on another address
    });
    const { id } = svc.start(req({ ranges: ['10.0.0.1-5'], credentials: [{ username: 'admin', password: 'right' }] }));
    const r = await finished(svc, id);
    expect(r).toMatchObject({ state: 'done', probed: 5, found: 1, queried: 1, failed: 4, authRequired: 0, credentialCount: 1 });
    expect(r.devices).toHaveLength(1);
    expect(r.devices[0]).toMatchObject({
      uuid: 'urn:uuid:aaaa',
      address: '10.0.0.1',
      deviceServiceUrl: 'http://10.0.0.1/onvif/device_service',
      status: 'ok',
      make: 'HIKVISION',
      firmware: 'V5.7.10 build 220722',
      mac: 'c0:56:e3:00:00:01',
      mainProfileToken: 'Profile_1',
      subProfileToken: 'Profile_2',
      mainStreamUri: 'rtsp://10.0.0.1:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1',
      streamUriRepinned: true,
      snapshotUri: 'http://10.0.0.1/onvif-http/snapshot?Profile_1',
      ptz: true,
      scopeName: 'HIKVISION DS-2CD2T47G2-L',
      alreadyRegistered: false,
    });
    expect(r.devices[0]?.profiles.map((p) => `${p.codec} ${p.width}x${p.height}`)).toEqual(['H265 1920x1080', 'H264 640x360', 'H264 1280x720']);
    expect(r.skipped).toEqual([
      { address: '10.0.0.2', reason: expect.stringContaining('malformed XML') },
      { address: '10.0.0.3', reason: 'ProbeMatch without XAddrs' },
      { address: '10.0.0.4', reason: 'ProbeMatches relates to no Probe of this scan' },
      { address: '10.0.0.5', reason: 'same endpoint UUID as the device at 10.0.0.1 (cloned firmware?)' },
    ]);
    expect(JSON.stringify(r)).not.toContain('right');
    const internals = svc as unknown as { jobs: Map<string, { job: { credentials: unknown[] } }> };
    expect(internals.jobs.get(id)?.job.credentials).toEqual([]); // dropped when the scan ended
    expect(published.at(-1)).toMatchObject({ id, state: 'done', found: 1 });
    expect(published.length).toBeLessThan(10); // throttled
  });

  it('reports auth-required for wrong credentials, and tries scoped credentials first', async () => {
    const { svc } = service({ '10.0.0.1': hikMatch('urn:uuid:a1'), '10.0.0.2': hikMatch('urn:uuid:a2'), '10.0.0.3': hikMatch('urn:uuid:a3') });
    const { id } = svc.start(
      req({
        ranges: ['10.0.0.1-3'],
        credentials: [
          { username: 'admin', password: 'wrong-everywhere' },
          { username: 'admin', password: 'right', hosts: ['10.0.0.1', '10.0.0.2'] },
          { username: 'admin', password: 'wrong-for-2', hosts: ['10.0.0.2'] },
        ],
      }),
    );
    const r = await finished(svc, id);
    const by = new Map(r.devices.map((d) => [d.address, d]));
    expect(by.get('10.0.0.1')).toMatchObject({ status: 'ok', reasonCode: null });
    expect(by.get('10.0.0.2')).toMatchObject({ status: 'ok' });
    expect(by.get('10.0.0.3')).toMatchObject({ status: 'auth-required', reasonCode: 'credentials-rejected', reason: 'none of the 1 credential(s) tried was accepted', clockOffsetSec: expect.any(Number), acceptedCredential: null });
    // Not logged in: whether it has PTZ is unknown, not "no" (its clock is known: ONVIF answers that before login).
    expect(by.get('10.0.0.3')!.ptz).toBeNull();
    expect(by.get('10.0.0.1')!.ptz).toBe(true);
    expect(r).toMatchObject({ authRequired: 1, failed: 0 });
  });

  it('says which credential each device accepted (its index in the request), so registering it offers that one', async () => {
    const { svc } = service({ '10.0.0.1': hikMatch('urn:uuid:b1'), '10.0.0.2': hikMatch('urn:uuid:b2') });
    const { id } = svc.start(
      req({
        ranges: ['10.0.0.1-2'],
        credentials: [
          { username: 'admin', password: 'wrong-everywhere' },
          { username: 'admin', password: 'wrong-for-1', hosts: ['10.0.0.1'] },
          { username: 'admin', password: 'right' },
        ],
      }),
    );
    const r = await finished(svc, id);
    const by = new Map(r.devices.map((d) => [d.address, d]));
    // 10.0.0.1 tried its scoped credential (1) first, then 0, then 2; 10.0.0.2 tried 0 then 2.
    expect(by.get('10.0.0.1')).toMatchObject({ status: 'ok', acceptedCredential: 2 });
    expect(by.get('10.0.0.2')).toMatchObject({ status: 'ok', acceptedCredential: 2 });
  });

  it('validates requests before anything is sent', () => {
    const { svc } = service({});
    expect(() => svc.start(req({ ranges: ['10.0.0.0/16'] }))).toThrow(/more than the 4096/);
    expect(() => svc.start(req({ ranges: ['239.255.255.250'] }))).toThrow(/multicast/);
    expect(() => svc.start(req({ credentials: [{ username: 'a', password: 'b', hosts: ['nope'] }] }))).toThrow(/credentials.0.hosts/);
    expect(() => svc.start({ mode: 'multicast', interface: 'eth0', credentials: [], windowMs: 200 })).toThrow(/no IPv4 interface or address "eth0"/);
  });

  it('limits running scans, keeps the last jobs only, and cancels on close', async () => {
    const slow: WsDiscoveryTransport = { run: (_p, _t, _s, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())) };
    const { svc } = service({}, { transport: slow, options: { maxRunning: 2, maxJobs: 3 } });
    const a = svc.start(req({}));
    svc.start(req({}));
    expect(() => svc.start(req({}))).toThrow(/already running/);
    expect(svc.cancel(a.id)).toBe(true);
    expect((await finished(svc, a.id)).state).toBe('failed');
    expect(svc.get(a.id, { orgUnitId: null })?.error).toBe('cancelled');
    svc.start(req({}));
    await svc.close();
    const county = { id: 'u-county', orgUnitId: null };
    expect(svc.list(county).every((p) => p.state === 'failed')).toBe(true);
    expect(svc.list(county)).toHaveLength(3);
  });

  it('keeps each user\'s recent scans with their results, lists them to that user and their scope, bounded', async () => {
    const { svc } = service({ '10.0.0.1': hikMatch('urn:uuid:c1') }, { options: { maxJobs: 6, maxJobsPerUser: 2 } });
    const tech = { id: 'u-tech', displayName: '水头镇技术员', orgUnitId: '141130100' };
    const other = { id: 'u-other', displayName: '康城镇技术员', orgUnitId: '141130101' };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = svc.start(req({ ranges: ['10.0.0.1'], credentials: [{ username: 'admin', password: 'right' }] }), tech);
      await finished(svc, id);
      ids.push(id);
    }
    const theirs = svc.start(req({ ranges: ['10.0.0.1'] }), other);
    await finished(svc, theirs.id);
    // The technician sees their own last two (the oldest was dropped), not another township's.
    const mine = svc.list(tech);
    expect(mine.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect(mine[0]).toMatchObject({ mine: true, startedBy: '水头镇技术员', mode: 'unicast', ranges: ['10.0.0.1'], state: 'done', found: 1 });
    // The results are still there to read back after leaving the page.
    expect(svc.get(ids[2]!, tech)!.devices[0]).toMatchObject({ uuid: 'urn:uuid:c1', status: 'ok' });
    expect(svc.get(ids[0]!, tech)).toBeNull();
    // A county-level user sees every scan (theirs covers every org unit), marked as not theirs.
    expect(svc.list({ id: 'u-admin', orgUnitId: null }).map((s) => [s.id, s.mine])).toEqual([
      [theirs.id, false],
      [ids[2], false],
      [ids[1], false],
    ]);
  });
});
