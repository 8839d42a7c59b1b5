import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditRepository } from '../db/audit-repository';
import type { CameraRecord } from '../db/camera-repository';
import type { HttpReply, PostOptions, SoapPoster } from '../onvif/soap-http';
import type { HttpError } from '../platform/errors';
import { PtzService } from './ptz-service';
import { ManualClock } from '../platform/testing/manual-clock';

const ENV = (body: string) =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body>${body}</s:Body></s:Envelope>`;

/** A device on the wire: answers by SOAP action, records every operation (with the URL it went to). */
function fakeDevice(o: { ptz?: boolean; delay?: Record<string, Promise<void>> } = {}) {
  const ops: string[] = [];
  const urls: string[] = [];
  const post: SoapPoster = async (url: string, _body: string, opts: PostOptions): Promise<HttpReply> => {
    const op = /action="[^"]*\/([A-Za-z]+)"/.exec(opts.headers['content-type'] ?? '')?.[1] ?? '?';
    ops.push(op);
    urls.push(url);
    await o.delay?.[op];
    const ok = (b: string): HttpReply => ({ status: 200, headers: {}, body: Buffer.from(ENV(b)) });
    switch (op) {
      case 'GetSystemDateAndTime':
        return { status: 500, headers: {}, body: Buffer.from('') };
      case 'GetServices':
        return ok(
          '<tds:GetServicesResponse><tds:Service><tds:Namespace>http://www.onvif.org/ver10/media/wsdl</tds:Namespace><tds:XAddr>http://192.0.2.10/onvif/media</tds:XAddr></tds:Service>' +
            (o.ptz === false ? '' : '<tds:Service><tds:Namespace>http://www.onvif.org/ver20/ptz/wsdl</tds:Namespace><tds:XAddr>http://192.0.2.10/onvif/ptz</tds:XAddr></tds:Service>') +
            '</tds:GetServicesResponse>',
        );
      case 'GetCapabilities':
        return ok('<tds:GetCapabilitiesResponse><tds:Capabilities/></tds:GetCapabilitiesResponse>');
      case 'GetProfiles':
        return ok('<trt:GetProfilesResponse><trt:Profiles token="Profile_1"><tt:PTZConfiguration token="p"/></trt:Profiles></trt:GetProfilesResponse>');
      case 'SetPreset':
        return ok('<tptz:SetPresetResponse><tptz:PresetToken>4</tptz:PresetToken></tptz:SetPresetResponse>');
      default:
        return ok(`<tptz:${op}Response/>`);
    }
  };
  return { ops, urls, post };
}

const camera = (over: Partial<CameraRecord> = {}): CameraRecord =>
  ({ id: 'c1', sourceType: 'onvif', host: '10.1.2.3', onvifPort: 8080, username: 'admin', passwordEnc: 'enc', orgUnitId: 'o', updatedAt: 1, ...over }) as CameraRecord;

function setup(device = fakeDevice(), cams: Record<string, CameraRecord> = { c1: camera() }) {
  const clock = new ManualClock();
  const audit: AuditEntry[] = [];
  const svc = new PtzService({
    cameras: { get: (id) => cams[id] },
    decrypt: () => 'secret',
    audit: { append: (e: AuditEntry) => audit.push(e) } as unknown as AuditRepository,
    clock,
    log: pino({ level: 'silent' }),
    post: device.post,
  });
  return { svc, clock, audit, device };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const user = { user: { id: 'u1', username: 'op', displayName: 'op', role: 'county-operator' as const, orgUnitId: null, sessionId: 's' }, ip: '127.0.0.1' };

describe('PtzService', () => {
  it('connects once, pins the PTZ address to the camera, and stops the camera 1 s after the last move', async () => {
    const { svc, clock, device } = setup();
    await svc.move('c1', { pan: 1, tilt: 0, zoom: 0 });
    expect(device.ops).toEqual(['GetSystemDateAndTime', 'GetServices', 'GetProfiles', 'ContinuousMove']);
    expect(device.urls.at(-1)).toBe('http://10.1.2.3/onvif/ptz');
    expect(device.urls.at(-2)).toBe('http://10.1.2.3/onvif/media');
    // The console repeats a held move every 250 ms: the camera only hears it again after 2 s.
    for (let i = 0; i < 3; i++) {
      clock.advance(250);
      await svc.move('c1', { pan: 1, tilt: 0, zoom: 0 });
    }
    expect(device.ops.filter((o) => o === 'ContinuousMove')).toHaveLength(1);
    await svc.move('c1', { pan: 0.5, tilt: 0, zoom: 0 });
    expect(device.ops.filter((o) => o === 'ContinuousMove')).toHaveLength(2);
    clock.advance(999);
    await flush();
    expect(device.ops).not.toContain('Stop');
    clock.advance(1);
    await flush();
    expect(device.ops.at(-1)).toBe('Stop');
    clock.advance(10_000);
    await flush();
    expect(device.ops.filter((o) => o === 'Stop')).toHaveLength(1);
  });

  it('an explicit stop disarms the auto-stop; a zero move is a stop', async () => {
    const { svc, clock, device } = setup();
    await svc.move('c1', { pan: 0, tilt: 1, zoom: 0 });
    await svc.stop('c1');
    await svc.move('c1', { pan: 0, tilt: 0, zoom: 0 });
    clock.advance(5000);
    await flush();
    expect(device.ops.slice(3)).toEqual(['ContinuousMove', 'Stop', 'Stop']);
  });

  it('never lets a Stop overtake the move before it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { svc, device } = setup(fakeDevice({ delay: { ContinuousMove: gate } }));
    const move = svc.move('c1', { pan: -1, tilt: 0, zoom: 0 });
    await flush();
    const stop = svc.stop('c1');
    await flush();
    release();
    await Promise.all([move, stop]);
    expect(device.ops.slice(-2)).toEqual(['ContinuousMove', 'Stop']);
  });

  it('answers 404 / 409 for unknown cameras, cameras without ONVIF and devices without PTZ (remembered)', async () => {
    const dev = fakeDevice({ ptz: false });
    const { svc } = setup(dev, { c1: camera(), c2: camera({ id: 'c2', onvifPort: null }), c3: camera({ id: 'c3', sourceType: 'rtmp-push' }) });
    const status = async (p: Promise<unknown>) => {
      try {
        await p;
        return 200;
      } catch (err) {
        return (err as HttpError).statusCode;
      }
    };
    expect(await status(svc.move('nope', { pan: 1, tilt: 0, zoom: 0 }))).toBe(404);
    expect(await status(svc.presets('c2'))).toBe(409);
    expect(await status(svc.presets('c3'))).toBe(409);
    expect(await status(svc.presets('c1'))).toBe(409);
    const asked = dev.ops.length;
    expect(await status(svc.status('c1'))).toBe(409);
    expect(dev.ops.length).toBe(asked);
  });

  it('audits preset changes', async () => {
    const { svc, audit } = setup();
    expect(await svc.savePreset(user, 'c1', 'Gate')).toEqual({ token: '4', name: 'Gate', position: null });
    await svc.gotoPreset(user, 'c1', '4');
    await svc.removePreset(user, 'c1', '4');
    expect(audit.map((a) => [a.action, a.targetId, a.outcome, a.username])).toEqual([
      ['ptz.preset-save', 'c1', 'ok', 'op'],
      ['ptz.preset-goto', 'c1', 'ok', 'op'],
      ['ptz.preset-remove', 'c1', 'ok', 'op'],
    ]);
  });
});
