import { describe, expect, it } from 'vitest';
import { parsePublic, parseRtpInfo, parseSession, parseTransport, rtpInfoFor } from './rtsp-headers';

describe('RTSP header values', () => {
  it('reads Session with and without timeout, refusing junk ids', () => {
    expect(parseSession('1234ABCD;timeout=60')).toEqual({ id: '1234ABCD', timeoutS: 60 });
    expect(parseSession('58AB2C1D')).toEqual({ id: '58AB2C1D', timeoutS: 60 });
    expect(parseSession('x; timeout = 0')).toEqual({ id: 'x', timeoutS: 1 });
    expect(parseSession('a b')).toBeNull();
    expect(parseSession(`${'a'.repeat(257)}`)).toBeNull();
    expect(parseSession(undefined)).toBeNull();
  });

  it('reads the Transport a camera chose', () => {
    expect(parseTransport('RTP/AVP/TCP;unicast;interleaved=2-3;ssrc=1A2B3C4D;mode="play"')).toEqual({ protocol: 'tcp', interleaved: [2, 3] });
    expect(parseTransport('RTP/AVP/TCP;unicast')).toEqual({ protocol: 'tcp' });
    expect(parseTransport('RTP/AVP;unicast;client_port=50000-50001;server_port=8000-8001;source=192.168.1.64;ssrc=00000001')).toEqual({
      protocol: 'udp',
      serverPort: [8000, 8001],
      source: '192.168.1.64',
    });
    expect(parseTransport('RTP/AVP/UDP;unicast;server_port=99999-1')).toEqual({ protocol: 'udp' });
    expect(parseTransport('RAW/RAW/UDP;unicast')).toBeNull();
  });

  it('matches RTP-Info entries to tracks: exact, by path (Hikvision rewrites the host), relative (Dahua), by order', () => {
    const hik = parseRtpInfo('url=rtsp://10.0.0.5/Streaming/Channels/101/trackID=1?transportmode=unicast;seq=1000;rtptime=123456,url=rtsp://10.0.0.5/Streaming/Channels/101/trackID=2?transportmode=unicast;seq=7;rtptime=99');
    expect(rtpInfoFor(hik, 'rtsp://cam.local/Streaming/Channels/101/trackID=2?transportmode=unicast', 1, 2)).toEqual({ url: 'rtsp://10.0.0.5/Streaming/Channels/101/trackID=2?transportmode=unicast', seq: 7, rtptime: 99 });
    const dahua = parseRtpInfo('url=trackID=0;seq=13043;rtptime=3903375766, url=trackID=1;seq=9871;rtptime=41008');
    expect(rtpInfoFor(dahua, 'rtsp://h/cam/realmonitor?channel=1&subtype=0/trackID=1', 1, 2)?.rtptime).toBe(41008);
    const odd = parseRtpInfo('url=rtsp://h/a;rtptime=5,url=rtsp://h/b;rtptime=6');
    expect(rtpInfoFor(odd, 'rtsp://h/x/video', 0, 2)?.rtptime).toBe(5);
    expect(rtpInfoFor(odd, 'rtsp://h/x/video', 0, 1)).toBeUndefined();
  });

  it('reads Public', () => {
    expect(parsePublic('OPTIONS, DESCRIBE, SETUP, PLAY, get_parameter')).toEqual(new Set(['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'GET_PARAMETER']));
  });
});
