import { describe, expect, it } from 'vitest';
import {
  extractCapabilities,
  extractDeviceInformation,
  extractMacAddress,
  extractMediaUri,
  extractProfiles,
  extractServices,
  extractSystemDateAndTime,
  normaliseMac,
  type SoapBody,
} from './onvif-extractors';
import { readSoapReply } from './onvif-soap';
import { onvifFixture } from './test-fixtures';

function body(file: string): SoapBody {
  const r = readSoapReply(onvifFixture(file));
  if (r.kind !== 'body') throw new Error(`${file} is a fault`);
  return r;
}

describe('ONVIF extractors on vendor-style replies', () => {
  it('GetSystemDateAndTime: the UTC clock', () => {
    expect(extractSystemDateAndTime(body('hikvision/get-system-date-and-time.xml')).utc?.toISOString()).toBe('2024-03-18T06:41:05.000Z');
    expect(extractSystemDateAndTime(body('dahua/get-system-date-and-time.xml')).utc?.toISOString()).toBe('2023-12-31T23:59:58.000Z');
  });

  it('GetDeviceInformation: firmware stays text', () => {
    expect(extractDeviceInformation(body('hikvision/get-device-information.xml'))).toEqual({
      manufacturer: 'HIKVISION',
      model: 'DS-2CD2T47G2-L',
      firmwareVersion: 'V5.7.10 build 220722',
      serialNumber: 'DS-2CD2T47G2-L20230101AAWRJ00000001',
      hardwareId: '88',
    });
    expect(extractDeviceInformation(body('dahua/get-device-information.xml'))).toMatchObject({ manufacturer: 'Dahua', hardwareId: '1.00', firmwareVersion: '2.800.0000000.20.R, Build Date 2020-11-04' });
  });

  it('GetCapabilities and GetServices: media and PTZ addresses', () => {
    expect(extractCapabilities(body('hikvision/get-capabilities.xml'))).toEqual({ mediaXAddr: 'http://192.168.1.64/onvif/Media', ptzXAddr: 'http://192.168.1.64/onvif/PTZ' });
    expect(extractCapabilities(body('dahua/get-capabilities.xml'))).toEqual({ mediaXAddr: 'http://192.168.1.108/onvif/media_service', ptzXAddr: null });
    expect(extractServices(body('hikvision/get-services.xml'))).toEqual({ mediaXAddr: 'http://192.168.1.64/onvif/Media', ptzXAddr: 'http://192.168.1.64/onvif/PTZ' });
  });

  it('GetNetworkInterfaces: the MAC, normalised', () => {
    expect(extractMacAddress(body('hikvision/get-network-interfaces.xml'))).toBe('c0:56:e3:00:00:01');
    expect(extractMacAddress(body('dahua/get-network-interfaces.xml'))).toBe('3c:ef:8c:00:00:01');
    expect(normaliseMac('00:00:00:00:00:00')).toBeNull();
    expect(normaliseMac('zz:00:00:00:00:01')).toBeNull();
  });

  it('GetProfiles: tokens, names, codecs, resolutions, frame rates', () => {
    const hik = extractProfiles(body('hikvision/get-profiles.xml'));
    expect(hik.map((p) => [p.token, p.name, p.video?.encoding, p.video?.width, p.video?.height, p.video?.fps])).toEqual([
      ['Profile_1', 'mainStream', 'H265', 1920, 1080, 25],
      ['Profile_2', 'subStream', 'H264', 640, 360, 25],
      ['Profile_3', 'thirdStream', 'H264', 1280, 720, 25],
    ]);
    const dahua = extractProfiles(body('dahua/get-profiles.xml'));
    expect(dahua.map((p) => p.token)).toEqual(['MediaProfile00000', 'MediaProfile00001', 'MediaProfile00002', 'MediaProfile00003']);
    expect(dahua[0]?.video).toMatchObject({ encoding: 'H264', width: 2688, height: 1520, fps: 20, bitrateKbps: 4096 });
    expect(dahua[3]?.video).toBeNull();
  });

  it('GetStreamUri / GetSnapshotUri: the URI with &amp; decoded', () => {
    expect(extractMediaUri(body('hikvision/get-stream-uri.xml'), 'GetStreamUriResponse')).toBe('rtsp://192.168.1.64:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1');
    expect(extractMediaUri(body('dahua/get-stream-uri.xml'), 'GetStreamUriResponse')).toBe('rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0&unicast=true&proto=Onvif');
    expect(extractMediaUri(body('hikvision/get-snapshot-uri.xml'), 'GetSnapshotUriResponse')).toBe('http://192.168.1.64/onvif-http/snapshot?Profile_1');
    expect(extractMediaUri(body('dahua/get-snapshot-uri.xml'), 'GetSnapshotUriResponse')).toBe('http://192.168.1.108/onvifsnapshot/media_service/snapshot?channel=1&subtype=0');
  });

  it('refuses a reply of the wrong kind', () => {
    expect(() => extractProfiles(body('hikvision/get-device-information.xml'))).toThrow(/expected GetProfilesResponse/);
    expect(() => extractMediaUri(body('hikvision/get-stream-uri.xml'), 'GetSnapshotUriResponse')).toThrow(/expected GetSnapshotUriResponse/);
  });
});
