import { describe, expect, it } from 'vitest';
import { baseUrl, parseSdp, resolveControl } from './sdp';
import { trackConfig, type AudioTrackConfig, type VideoTrackConfig } from './track-config';

// Written after what Hikvision (DS-2CD2xxx, firmware 5.x) returns: absolute controls carrying the query, spaces after
// the fmtp semicolons, a vendor Media_header attribute, G.711 A-law audio.
const HIKVISION_H264 = [
  'v=0',
  'o=- 1109162014219182 1109162014219192 IN IP4 192.168.1.64',
  's=Media Presentation',
  'e=NONE',
  'b=AS:5050',
  't=0 0',
  'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/?transportmode=unicast',
  'm=video 0 RTP/AVP 96',
  'c=IN IP4 0.0.0.0',
  'b=AS:5000',
  'a=recvonly',
  'a=x-dimensions:1920,1080',
  'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast',
  'a=rtpmap:96 H264/90000',
  'a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z00AKpWoHgCJ+WbgICAoAAADAAgAAAMBlCA=,aO48gA==',
  'a=Media_header:MEDIAINFO=494D4B48010100000400010010710110401F000000FA000000000000000000000000000000000000;',
  'a=appversion:1.0',
  'm=audio 0 RTP/AVP 8',
  'c=IN IP4 0.0.0.0',
  'b=AS:50',
  'a=recvonly',
  'a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=2?transportmode=unicast',
  'a=rtpmap:8 PCMA/8000',
  '',
].join('\r\n');

// Hikvision H.265 main stream: sprop-vps/sps/pps, bare LF line ends as some firmware sends.
const HIKVISION_H265 = [
  'v=0',
  's=Media Presentation',
  't=0 0',
  'm=video 0 RTP/AVP 96',
  'a=rtpmap:96 H265/90000',
  'a=fmtp:96 sprop-vps=QAEMAf//AWAAAAMAsAAAAwAAAwB7FcCQ; sprop-sps=QgEBAWAAAAMAsAAAAwAAAwB7oAPAgBDljb5JMvTcBAQEAg==; sprop-pps=RAHA8vA8kAA=',
  'a=control:trackID=1',
  'm=audio 0 RTP/AVP 0',
  'a=control:trackID=2',
  '',
].join('\n');

// Dahua (realmonitor URLs): aggregate control '*', relative trackID=0/1 against a Content-Base that carries the query,
// AAC as MPEG4-GENERIC with AAC-hbr.
const DAHUA = [
  'v=0',
  'o=- 2251939460 2251939460 IN IP4 0.0.0.0',
  's=Media Server',
  'c=IN IP4 0.0.0.0',
  't=0 0',
  'a=control:*',
  'a=packetization-supported:DH',
  'a=rtppayload-supported:DH',
  'a=range:npt=now-',
  'm=video 0 RTP/AVP 96',
  'a=control:trackID=0',
  'a=framerate:25.000000',
  'a=rtpmap:96 H264/90000',
  'a=fmtp:96 packetization-mode=1;profile-level-id=4D002A;sprop-parameter-sets=Z00AKp2oHgCJ+WbgICAgQA==,aO48gA==',
  'a=recvonly',
  'm=audio 0 RTP/AVP 97',
  'a=control:trackID=1',
  'a=rtpmap:97 MPEG4-GENERIC/16000',
  'a=fmtp:97 streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1408',
  'a=recvonly',
  'm=application 0 RTP/AVP 107',
  'a=control:trackID=4',
  'a=rtpmap:107 vnd.onvif.metadata/90000',
  '',
].join('\r\n');

describe('parseSdp + trackConfig', () => {
  it('reads a Hikvision H.264 + PCMA description', () => {
    const sdp = parseSdp(HIKVISION_H264);
    expect(sdp.media.map((m) => m.type)).toEqual(['video', 'audio']);
    const v = trackConfig(sdp.media[0]!) as VideoTrackConfig;
    expect(v).toMatchObject({ codec: 'h264', payloadType: 96, clockRate: 90000 });
    expect(v.sps.map((n) => n[0]! & 0x1f)).toEqual([7]);
    expect(v.pps.map((n) => Buffer.from(n).toString('base64'))).toEqual(['aO48gA==']);
    expect(v.control).toBe('rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast');
    expect(trackConfig(sdp.media[1]!)).toMatchObject({ kind: 'audio', codec: 'pcma', clockRate: 8000, channels: 1 });
  });

  it('reads H.265 parameter sets and a static PT 0 without rtpmap', () => {
    const sdp = parseSdp(HIKVISION_H265);
    const v = trackConfig(sdp.media[0]!) as VideoTrackConfig;
    expect(v.codec).toBe('h265');
    expect([v.vps.length, v.sps.length, v.pps.length]).toEqual([1, 1, 1]);
    expect((v.vps[0]![0]! >> 1) & 0x3f).toBe(32);
    expect(trackConfig(sdp.media[1]!)).toMatchObject({ codec: 'pcmu', clockRate: 8000, payloadType: 0 });
  });

  it('reads a Dahua description with AAC-hbr and skips the ONVIF metadata track', () => {
    const sdp = parseSdp(DAHUA);
    expect(sdp.control).toBe('*');
    const a = trackConfig(sdp.media[1]!) as AudioTrackConfig;
    expect(a).toMatchObject({ codec: 'aac', clockRate: 16000, channels: 1, aac: { sizeLength: 13, indexLength: 3, indexDeltaLength: 3, frameSamples: 1024 } });
    expect(Buffer.from(a.aacConfig!).toString('hex')).toBe('1408');
    expect(trackConfig(sdp.media[2]!)).toMatch(/not used/);
  });

  it('refuses what it cannot depacketise, with the reason', () => {
    const one = (fmtp: string, map = 'H265/90000'): unknown => trackConfig(parseSdp(`m=video 0 RTP/AVP 96\r\na=rtpmap:96 ${map}\r\na=fmtp:96 ${fmtp}\r\n`).media[0]!);
    expect(one('sprop-max-don-diff=2')).toMatch(/DONL/);
    expect(one('sprop-max-don-diff=0')).toMatchObject({ codec: 'h265' });
    expect(one('packetization-mode=2', 'H264/90000')).toMatch(/interleaved/);
    expect(trackConfig(parseSdp('m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/16000\r\na=fmtp:97 mode=AAC-hbr\r\n').media[0]!)).toMatch(/config/);
    expect(trackConfig(parseSdp('m=video 0 RTP/AVP 26\r\n').media[0]!)).toMatch(/not supported|clock rate/);
  });

  it('picks the first usable format of a media line offering several', () => {
    const sdp = parseSdp('m=video 0 RTP/AVP 26 97\r\na=rtpmap:26 JPEG/90000\r\na=rtpmap:97 H264/90000\r\na=fmtp:97 packetization-mode=1\r\n');
    expect(trackConfig(sdp.media[0]!)).toMatchObject({ codec: 'h264', payloadType: 97 });
  });
});

describe('control URLs (RFC 2326 §C.1.1)', () => {
  it('takes Content-Base, else Content-Location, else the request URL', () => {
    expect(baseUrl('rtsp://h/a', 'rtsp://h/b/', 'rtsp://h/c')).toBe('rtsp://h/b/');
    expect(baseUrl('rtsp://h/a', undefined, 'rtsp://h/c')).toBe('rtsp://h/c');
    expect(baseUrl('rtsp://h/a', '', undefined)).toBe('rtsp://h/a');
  });

  it('resolves relative, absolute, path-absolute and aggregate controls', () => {
    const dahua = 'rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0/';
    expect(resolveControl(dahua, 'trackID=0')).toBe('rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0/trackID=0');
    expect(resolveControl('rtsp://h:554/Streaming/Channels/101', 'trackID=1')).toBe('rtsp://h:554/Streaming/Channels/101/trackID=1');
    expect(resolveControl('rtsp://h/s/', 'rtsp://other/x')).toBe('rtsp://other/x');
    expect(resolveControl('rtsp://h:8554/s/', '/live/track1')).toBe('rtsp://h:8554/live/track1');
    expect(resolveControl('rtsp://h/s/', '*')).toBe('rtsp://h/s/');
    expect(resolveControl('rtsp://h/s/', null)).toBe('rtsp://h/s/');
  });
});
