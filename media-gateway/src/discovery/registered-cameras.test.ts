import { describe, expect, it } from 'vitest';
import { matchDevices, normaliseStreamUri, type RegisteredCameraKey } from './registered-cameras';

const cam = (id: string, host: string, main: string | null, uuid: string | null = null): RegisteredCameraKey => ({ id, orgUnitId: '141130100', host, mainStreamUri: main, subStreamUri: null, onvifUuid: uuid });

describe('registered-camera matching', () => {
  it('normalises stream URIs', () => {
    expect(normaliseStreamUri('rtsp://Cam.Local/Streaming/Channels/101')).toBe('rtsp://cam.local:554/Streaming/Channels/101');
    expect(normaliseStreamUri('rtsp://u:p@10.0.0.1:554/x?a=1')).toBe('rtsp://10.0.0.1:554/x?a=1');
    expect(normaliseStreamUri('rtsps://10.0.0.1/x')).toBe('rtsps://10.0.0.1:322/x');
    expect(normaliseStreamUri('::bad')).toBeNull();
  });

  it('matches by ONVIF uuid first, then by host + stream URI', () => {
    const cameras = [cam('c1', '10.0.0.1', 'rtsp://10.0.0.1/Streaming/Channels/101'), cam('c2', '10.0.0.2', null, 'urn:uuid:AAA'), cam('c3', '10.0.0.9', 'rtsp://10.0.0.3:554/live')];
    const m = matchDevices(
      [
        { uuid: 'urn:uuid:x1', address: '10.0.0.1', mainStreamUri: 'rtsp://10.0.0.1:554/Streaming/Channels/101', subStreamUri: null },
        { uuid: 'urn:uuid:aaa', address: '10.0.0.7', mainStreamUri: null, subStreamUri: null },
        { uuid: 'urn:uuid:x3', address: '10.0.0.3', mainStreamUri: 'rtsp://10.0.0.3:554/live', subStreamUri: null },
        { uuid: 'urn:uuid:x4', address: '10.0.0.4', mainStreamUri: 'rtsp://10.0.0.4:554/live', subStreamUri: null },
      ],
      cameras,
    );
    expect(m.get('urn:uuid:x1')).toMatchObject({ camera: { id: 'c1' }, by: 'stream-uri' });
    expect(m.get('urn:uuid:aaa')).toMatchObject({ camera: { id: 'c2' }, by: 'onvif-uuid' });
    expect(m.has('urn:uuid:x3')).toBe(false); // same URI, but the camera was registered on another host
    expect(m.has('urn:uuid:x4')).toBe(false);
  });
});
