import { describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../../contracts/src/camera';
import type { DiscoveredDevice } from '../../../../contracts/src/discovery';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { conflictCamera, describeStreamResult, emptyForm, fromCamera, fromDiscovered, hostOfUri, streamTestFailures, toCreateBody, toUpdateBody, validateForm, type CameraFormState } from './camera-form';

const units: OrgUnit[] = [
  { id: '141130', name: '交口县', nameEn: null, level: 'county', parentId: null, lat: null, lng: null, demo: true },
  { id: '141130100', name: '水头镇', nameEn: null, level: 'township', parentId: '141130', lat: null, lng: null, demo: true },
  { id: '141130100200', name: '王家庄村', nameEn: null, level: 'village', parentId: '141130100', lat: null, lng: null, demo: true },
];

const good: CameraFormState = {
  ...emptyForm(),
  name: ' 水头镇 人民路口 ',
  townshipId: '141130100',
  villageId: '141130100200',
  category: '3',
  mainUri: 'rtsp://192.168.1.64:8554/main',
  subUri: '',
  username: 'admin',
  password: 'secret',
  lat: '36.98',
  lng: '111.18',
  direction: '90',
};

const camera: CameraDto = {
  id: 'c1', name: '水头镇 人民路口', orgUnitId: '141130100200', category: 3, sourceType: 'rtsp', host: '192.168.1.64', rtspPort: 8554, onvifPort: null,
  mainStreamUri: 'rtsp://192.168.1.64:8554/main', subStreamUri: null, username: 'admin', hasPassword: true, rtspTransport: 'auto', transportInUse: 'udp', ingest: 'auto', lat: 36.98, lng: 111.18, direction: 90,
  deviceCode: null, videoCodec: 'h264', vendor: null, model: null, status: 'online', statusSince: null, statusReasonCode: null, statusReason: null, mainWidth: null, mainHeight: null,
  mainFps: null, subWidth: null, subHeight: null, subFps: null, subVideoCodec: null, mainAudioCodec: null, subAudioCodec: null, createdAt: '', updatedAt: '',
};

describe('validateForm', () => {
  it('accepts a complete form', () => {
    expect(validateForm(good)).toEqual({});
  });
  it('names each bad field', () => {
    expect(validateForm(emptyForm())).toEqual({ name: 'required', org: 'required', host: 'required', mainUri: 'need-uri' });
    expect(
      validateForm({ ...good, mainUri: 'http://x/y', subUri: 'rtsp://u:p@h/s', rtspPort: '70000', lat: '99', lng: '', direction: '400', deviceCode: '123' }),
    ).toEqual({ mainUri: 'uri', subUri: 'uri', rtspPort: 'port', lat: 'range', lng: 'pair', direction: 'range', deviceCode: 'code' });
    expect(validateForm({ ...good, lat: '', lng: '111' })).toEqual({ lat: 'pair' });
  });
  it("refuses what RTSP authentication cannot carry: ':' or control characters in the user name, control characters in the password", () => {
    expect(validateForm({ ...good, username: 'ad:min' })).toEqual({ username: 'username' });
    expect(validateForm({ ...good, username: 'admin\nx' })).toEqual({ username: 'username' });
    expect(validateForm({ ...good, password: 'pw\r\n' })).toEqual({ password: 'password' });
    expect(validateForm({ ...good, username: 'admin@site', password: 'p:w @#' })).toEqual({});
  });
  it('sends the transport setting (auto by default)', () => {
    expect(toCreateBody({ ...good, rtspTransport: 'udp' }).rtspTransport).toBe('udp');
    expect(emptyForm().rtspTransport).toBe('auto');
  });
  it('needs no stream URI for an RTMP push camera, but a host', () => {
    expect(validateForm({ ...good, sourceType: 'rtmp-push', mainUri: '' })).toEqual({ host: 'required' });
    expect(validateForm({ ...good, sourceType: 'rtmp-push', mainUri: '', host: '10.0.0.9' })).toEqual({});
  });
});

describe('toCreateBody', () => {
  it('maps the form to the API body: trimmed, numbers, null for blanks, host from the URI', () => {
    expect(toCreateBody(good)).toEqual({
      name: '水头镇 人民路口', orgUnitId: '141130100200', category: 3, sourceType: 'rtsp', host: '192.168.1.64', rtspPort: 554, onvifPort: null,
      mainStreamUri: 'rtsp://192.168.1.64:8554/main', subStreamUri: null, username: 'admin', rtspTransport: 'auto', ingest: 'auto', password: 'secret', lat: 36.98, lng: 111.18, direction: 90,
      deviceCode: null, vendor: null, model: null,
    });
  });
  it('drops URIs of a push camera and sends no password when empty', () => {
    const b = toCreateBody({ ...good, sourceType: 'rtmp-push', host: '10.0.0.9', password: '' });
    expect(b).toMatchObject({ sourceType: 'rtmp-push', mainStreamUri: null, subStreamUri: null, password: null, host: '10.0.0.9' });
  });
  it('reads the host from rtsp URIs', () => {
    expect(hostOfUri('rtsp://10.1.2.3:554/x')).toBe('10.1.2.3');
    expect(hostOfUri('rtsps://cam.local/x')).toBe('cam.local');
    expect(hostOfUri('nope')).toBe('');
  });
});

describe('edit mapping', () => {
  it('never shows the stored password and splits the org unit into township + village', () => {
    const f = fromCamera(camera, units);
    expect(f.password).toBe('');
    expect([f.townshipId, f.villageId]).toEqual(['141130100', '141130100200']);
    expect(f.rtspPort).toBe('8554');
  });
  it('sends only what changed, and a password only when typed', () => {
    const f = fromCamera(camera, units);
    expect(toUpdateBody(f, camera)).toEqual({});
    expect(toUpdateBody({ ...f, name: '新名字', villageId: '' }, camera)).toEqual({ name: '新名字', orgUnitId: '141130100' });
    expect(toUpdateBody({ ...f, password: 'new' }, camera)).toEqual({ password: 'new' });
    expect(toUpdateBody({ ...f, rtspTransport: 'tcp' }, camera)).toEqual({ rtspTransport: 'tcp' });
  });
});

describe('fromDiscovered', () => {
  const device: DiscoveredDevice = {
    uuid: 'urn:uuid:c0a7e5e1-51ba-4000-8000-000000000003', address: '127.51.0.3', deviceServiceUrl: 'http://127.51.0.3:40123/onvif/device_service', scopeName: 'SIM-0003',
    scopeHardware: null, scopeLocation: null, make: 'SIMVISION', model: 'SV-1', firmware: '1.0', serial: 'S3', hardwareId: null, mac: null, profiles: [],
    mainProfileToken: null, subProfileToken: null, mainStreamUri: 'rtsp://127.51.0.3:41000/main', subStreamUri: 'rtsp://127.51.0.3:41000/sub', streamUriRepinned: false,
    snapshotUri: null, ptz: false, clockOffsetSec: 0, acceptedCredential: null, status: 'ok', reason: null, reasonCode: null, alreadyRegistered: false, registeredCameraId: null, foundAfterMs: 1, queriedAfterMs: 2,
  };
  it('prefills an ONVIF camera from the device and the credential that applies', () => {
    const f = fromDiscovered(device, { townshipId: '141130100', villageId: '', category: '1' }, { username: 'admin', password: 'pw' });
    expect(f).toMatchObject({ name: 'SIM-0003', sourceType: 'onvif', host: '127.51.0.3', rtspPort: '41000', onvifPort: '40123', username: 'admin', password: 'pw', vendor: 'SIMVISION', category: '1' });
    expect(validateForm(f)).toEqual({});
    expect(toCreateBody(f)).toMatchObject({ sourceType: 'onvif', onvifPort: 40123, rtspPort: 41000, mainStreamUri: device.mainStreamUri });
  });
});

describe('gateway error details', () => {
  it('reads per-stream failures of a 422 and the existing camera of a 409', () => {
    expect(streamTestFailures({ main: { ok: false, code: 'auth-failed', reason: 'auth failed' }, sub: { ok: true, codec: 'h264', width: 640, height: 360, fps: 25, firstFrameMs: 300 } })).toEqual([
      { profile: 'main', result: { ok: false, code: 'auth-failed', reason: 'auth failed' } },
      { profile: 'sub', result: { ok: true, codec: 'h264', width: 640, height: 360, fps: 25, firstFrameMs: 300 } },
    ]);
    expect(streamTestFailures(null)).toEqual([]);
    expect(conflictCamera({ existingCameraId: 'x', existingCameraName: '老点位' })).toEqual({ id: 'x', name: '老点位' });
    expect(conflictCamera({})).toBeNull();
  });
  it('describes a good stream test', () => {
    expect(describeStreamResult({ ok: true, codec: 'h264', width: 1280, height: 720, fps: 25, firstFrameMs: 412.4 })).toEqual({ codec: 'H264', resolution: '1280×720', fps: '25', firstFrameMs: 412 });
  });
});
