import { describe, expect, it } from 'vitest';
import { pinHttpUri, pinStreamUri } from './stream-uri-pinning';

describe('stream URI pinning', () => {
  it('keeps a URI that already names the device', () => {
    expect(pinStreamUri('rtsp://127.1.0.5:8554/Streaming/Channels/101', '127.1.0.5')).toEqual({ ok: true, uri: 'rtsp://127.1.0.5:8554/Streaming/Channels/101', repinned: false });
  });

  it('re-pins a foreign host to the device address, keeping port, path and query', () => {
    expect(pinStreamUri('rtsp://192.0.2.10:554/cam/realmonitor?channel=1&subtype=0', '10.1.2.3')).toEqual({
      ok: true,
      uri: 'rtsp://10.1.2.3:554/cam/realmonitor?channel=1&subtype=0',
      repinned: true,
    });
    expect(pinStreamUri('rtsp://camera.local/live', '10.1.2.3')).toMatchObject({ uri: 'rtsp://10.1.2.3/live', repinned: true });
    expect(pinStreamUri('rtsp://0.0.0.0:554/live', '10.1.2.3')).toMatchObject({ uri: 'rtsp://10.1.2.3:554/live' });
    expect(pinStreamUri('rtsps://[fe80::1]:322/live', '10.1.2.3')).toMatchObject({ uri: 'rtsps://10.1.2.3:322/live' });
  });

  it('strips credentials a device put in the URI', () => {
    expect(pinStreamUri('rtsp://admin:12345@10.1.2.3:554/Streaming/Channels/101', '10.1.2.3')).toEqual({ ok: true, uri: 'rtsp://10.1.2.3:554/Streaming/Channels/101', repinned: false });
  });

  it('accepts only rtsp/rtsps for streams, http/https for services and snapshots', () => {
    expect(pinStreamUri('http://10.1.2.3/stream', '10.1.2.3')).toMatchObject({ ok: false, reason: expect.stringContaining('protocol http:') });
    expect(pinStreamUri('file:///etc/passwd', '10.1.2.3')).toMatchObject({ ok: false });
    expect(pinStreamUri('not a uri', '10.1.2.3')).toMatchObject({ ok: false, reason: 'not a valid URI' });
    expect(pinStreamUri(`rtsp://10.1.2.3/${'a'.repeat(1100)}`, '10.1.2.3')).toMatchObject({ ok: false });
    expect(pinHttpUri('http://192.0.2.10/onvif-http/snapshot?Profile_1', '10.1.2.3')).toEqual({ ok: true, uri: 'http://10.1.2.3/onvif-http/snapshot?Profile_1', repinned: true });
    expect(pinHttpUri('rtsp://10.1.2.3/x', '10.1.2.3')).toMatchObject({ ok: false });
  });

  it('validates the result as a camera stream URL (checkStreamUrl)', () => {
    expect(pinStreamUri('rtsp://10.1.2.3/a b', '10.1.2.3')).toMatchObject({ ok: true, uri: 'rtsp://10.1.2.3/a%20b' });
    expect(pinStreamUri('rtsp://10.1.2.3/ok\u0001', '10.1.2.3')).toMatchObject({ ok: true });
  });
});
