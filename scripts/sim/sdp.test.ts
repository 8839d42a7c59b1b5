import { describe, expect, it } from 'vitest';
import { buildSdp } from './sdp';

describe('buildSdp', () => {
  it('describes one H.264 track with parameter sets', () => {
    const sps = Buffer.from([0x67, 0x4d, 0x40, 0x1f, 0x95, 0xa8]);
    const pps = Buffer.from([0x68, 0xee, 0x3c, 0x80]);
    const sdp = buildSdp({ sessionId: '123', host: '127.1.0.1', title: 'SIM-0001 sub', sps, pps, width: 640, height: 360, fps: 25 });
    const lines = sdp.trimEnd().split('\r\n');
    expect(lines[0]).toBe('v=0');
    expect(lines).toContain('o=- 123 1 IN IP4 127.1.0.1');
    expect(lines).toContain('s=SIM-0001 sub');
    expect(lines).toContain('m=video 0 RTP/AVP 96');
    expect(lines).toContain('a=rtpmap:96 H264/90000');
    expect(lines).toContain(`a=fmtp:96 packetization-mode=1;profile-level-id=4D401F;sprop-parameter-sets=${sps.toString('base64')},${pps.toString('base64')}`);
    expect(lines[lines.length - 1]).toBe('a=control:trackID=1');
    expect(sdp.endsWith('\r\n')).toBe(true);
    // the media-level control comes after m=
    expect(lines.indexOf('a=control:trackID=1')).toBeGreaterThan(lines.indexOf('m=video 0 RTP/AVP 96'));
  });

  it('describes an H.265 track with sprop-vps/sps/pps and an audio track with its own control', () => {
    const vps = Buffer.from([0x40, 0x01, 0x0c]);
    const sps = Buffer.from([0x42, 0x01, 0x01]);
    const pps = Buffer.from([0x44, 0x01, 0xc0]);
    const sdp = buildSdp({
      sessionId: '1', host: '127.1.0.2', title: 'SIM-0002 main', codec: 'h265', vps, sps, pps, width: 1280, height: 720, fps: 25,
      audio: { payloadType: 8, rtpmap: '8 PCMA/8000', fmtp: null },
    });
    const lines = sdp.trimEnd().split('\r\n');
    expect(lines).toContain('a=rtpmap:96 H265/90000');
    expect(lines).toContain(`a=fmtp:96 sprop-vps=${vps.toString('base64')};sprop-sps=${sps.toString('base64')};sprop-pps=${pps.toString('base64')}`);
    const audioAt = lines.indexOf('m=audio 0 RTP/AVP 8');
    expect(audioAt).toBeGreaterThan(lines.indexOf('a=control:trackID=1'));
    expect(lines.slice(audioAt)).toEqual(['m=audio 0 RTP/AVP 8', 'a=rtpmap:8 PCMA/8000', 'a=control:trackID=2']);
    expect(() => buildSdp({ sessionId: '1', host: 'h', title: 't', codec: 'h265', sps, pps, width: 1, height: 1, fps: 25 })).toThrow(/VPS/);
  });
});
