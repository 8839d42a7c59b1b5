import { describe, expect, it } from 'vitest';
import { chooseTransport, isLoopback } from './rtsp-transport';

describe('chooseTransport', () => {
  it('accepts TCP interleaved on a tcp-only camera and echoes the channels', () => {
    expect(chooseTransport('RTP/AVP/TCP;unicast;interleaved=0-1')).toEqual({ kind: 'tcp', rtp: 0, rtcp: 1 });
    expect(chooseTransport('RTP/AVP/TCP;unicast;interleaved=2-3;mode=play')).toEqual({ kind: 'tcp', rtp: 2, rtcp: 3 });
    expect(chooseTransport('RTP/AVP/TCP;unicast')).toEqual({ kind: 'tcp', rtp: 0, rtcp: 1 });
    expect(chooseTransport('RTP/AVP;unicast;client_port=5000-5001, RTP/AVP/TCP;unicast;interleaved=4-5')).toEqual({ kind: 'tcp', rtp: 4, rtcp: 5 });
  });

  it('refuses UDP on tcp-only cameras (461) and multicast everywhere', () => {
    expect(chooseTransport('RTP/AVP;unicast;client_port=5000-5001')).toBe('unsupported');
    expect(chooseTransport('RTP/AVP/UDP;unicast;client_port=5000-5001', 'tcp-only')).toBe('unsupported');
    expect(chooseTransport('RTP/AVP/TCP;multicast')).toBe('unsupported');
    expect(chooseTransport('RTP/AVP;multicast;client_port=5000-5001', 'udp-only')).toBe('unsupported');
    expect(chooseTransport(undefined)).toBe('unsupported');
  });

  it('takes unicast UDP client ports on udp-only cameras and refuses TCP there', () => {
    expect(chooseTransport('RTP/AVP;unicast;client_port=5000-5001', 'udp-only')).toEqual({ kind: 'udp', clientRtp: 5000, clientRtcp: 5001 });
    expect(chooseTransport('RTP/AVP/UDP;unicast;client_port=6000', 'udp-only')).toEqual({ kind: 'udp', clientRtp: 6000, clientRtcp: 6001 });
    expect(chooseTransport('RTP/AVP/TCP;unicast;interleaved=0-1', 'udp-only')).toBe('unsupported');
    expect(chooseTransport('RTP/AVP;unicast;client_port=0-1', 'udp-only')).toBe('unsupported');
    expect(chooseTransport('RTP/AVP;unicast', 'udp-only')).toBe('unsupported');
  });

  it("follows the client's order on a camera with both", () => {
    const both = 'RTP/AVP;unicast;client_port=5000-5001, RTP/AVP/TCP;unicast;interleaved=0-1';
    expect(chooseTransport(both, 'tcp-and-udp')).toMatchObject({ kind: 'udp' });
    expect(chooseTransport('RTP/AVP/TCP;unicast;interleaved=0-1, RTP/AVP;unicast;client_port=5000-5001', 'tcp-and-udp')).toMatchObject({ kind: 'tcp' });
  });

  it('sends UDP to loopback clients only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.1.0.3')).toBe(true);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
