import { describe, expect, it } from 'vitest';
import { chooseTransport, resolveStreamUri } from './rtsp-server';

describe('resolveStreamUri', () => {
  it('maps Hikvision channels and aliases, with or without the track suffix', () => {
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/Streaming/Channels/101')).toEqual({ path: '/Streaming/Channels/101', profile: 'main', track: false });
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/Streaming/Channels/102/')).toMatchObject({ profile: 'sub', track: false });
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/streaming/channels/102?transportmode=unicast')).toMatchObject({ profile: 'sub' });
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/sub/trackID=1')).toEqual({ path: '/sub', profile: 'sub', track: true });
    expect(resolveStreamUri('rtsp://h/main')).toMatchObject({ profile: 'main' });
    expect(resolveStreamUri('/main')).toMatchObject({ profile: 'main' });
  });

  it('returns null for unknown paths', () => {
    expect(resolveStreamUri('rtsp://h/Streaming/Channels/103')).toBeNull();
    expect(resolveStreamUri('rtsp://h/')).toBeNull();
    expect(resolveStreamUri('*')).toBeNull();
  });
});

describe('chooseTransport', () => {
  it('accepts TCP interleaved and echoes the channels', () => {
    expect(chooseTransport('RTP/AVP/TCP;unicast;interleaved=0-1')).toEqual({ rtp: 0, rtcp: 1 });
    expect(chooseTransport('RTP/AVP/TCP;unicast;interleaved=2-3;mode=play')).toEqual({ rtp: 2, rtcp: 3 });
    expect(chooseTransport('RTP/AVP/TCP;unicast')).toEqual({ rtp: 0, rtcp: 1 });
    expect(chooseTransport('RTP/AVP;unicast;client_port=5000-5001, RTP/AVP/TCP;unicast;interleaved=4-5')).toEqual({ rtp: 4, rtcp: 5 });
  });

  it('refuses UDP and multicast', () => {
    expect(chooseTransport('RTP/AVP;unicast;client_port=5000-5001')).toBe('unsupported');
    expect(chooseTransport('RTP/AVP/UDP;unicast;client_port=5000-5001')).toBe('unsupported');
    expect(chooseTransport('RTP/AVP/TCP;multicast')).toBe('unsupported');
    expect(chooseTransport(undefined)).toBe('unsupported');
  });
});
