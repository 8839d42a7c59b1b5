/**
 * RTSP transports (RFC 2326 §12.39): RTP interleaved on the RTSP TCP connection, or unicast UDP to the client's
 * `client_port` pair from a server port pair bound on the camera's own address. Loopback only: the simulator never
 * sends UDP to another host, and a `destination=` parameter is ignored (RFC 2326 §12.39 lets a server refuse it).
 */
import dgram from 'node:dgram';
import type { CameraProfile } from './camera-profile';
import type { PacedSink } from './pacer';

export type TransportChoice =
  | { kind: 'tcp'; rtp: number; rtcp: number }
  | { kind: 'udp'; clientRtp: number; clientRtcp: number };

function parseSpec(spec: string): TransportChoice | null {
  const parts = spec.trim().split(';').map((p) => p.trim());
  const proto = (parts[0] ?? '').toUpperCase();
  if (parts.some((p) => p.toLowerCase() === 'multicast')) return null;
  const param = (name: string): string | undefined => parts.find((p) => p.toLowerCase().startsWith(`${name}=`))?.slice(name.length + 1);
  const pair = (v: string | undefined, max: number): [number, number] | null => {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(v ?? '');
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a + 1;
    return a <= max && b <= max ? [a, b] : null;
  };
  if (proto === 'RTP/AVP/TCP') {
    const inter = param('interleaved');
    if (inter === undefined) return { kind: 'tcp', rtp: 0, rtcp: 1 };
    const p = pair(inter, 255);
    return p ? { kind: 'tcp', rtp: p[0], rtcp: p[1] } : null;
  }
  if (proto === 'RTP/AVP' || proto === 'RTP/AVP/UDP') {
    const p = pair(param('client_port'), 65535);
    return p && p[0] > 0 && p[1] > 0 ? { kind: 'udp', clientRtp: p[0], clientRtcp: p[1] } : null;
  }
  return null;
}

/**
 * The first transport in the client's list (in its order of preference) that this camera offers, or 'unsupported'
 * (→ 461 Unsupported Transport): tcp-only cameras refuse UDP, udp-only cameras refuse TCP.
 */
export function chooseTransport(header: string | undefined, offered: CameraProfile['transport'] = 'tcp-only'): TransportChoice | 'unsupported' {
  if (!header) return 'unsupported';
  for (const spec of header.split(',')) {
    const t = parseSpec(spec);
    if (!t) continue;
    if (t.kind === 'tcp' && offered === 'udp-only') continue;
    if (t.kind === 'udp' && offered === 'tcp-only') continue;
    return t;
  }
  return 'unsupported';
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || v4 === '::1';
}

/** A bound RTP/RTCP socket pair for one track of one UDP session. */
export interface UdpPair {
  rtp: dgram.Socket;
  rtcp: dgram.Socket;
  serverRtp: number;
  serverRtcp: number;
  close(): void;
}

function bind(host: string, port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind({ address: host, port, exclusive: true }, () => {
      s.off('error', reject);
      resolve(s);
    });
  });
}

/** Bind an even RTP port and the odd port above it for RTCP (RFC 3550 §11), falling back to any free RTCP port. */
export async function bindUdpPair(host: string, onPacket: () => void): Promise<UdpPair> {
  let rtp: dgram.Socket | null = null;
  let rtcp: dgram.Socket | null = null;
  for (let attempt = 0; attempt < 8 && !rtcp; attempt++) {
    rtp?.close();
    rtp = await bind(host, 0);
    const port = rtp.address().port;
    if (port % 2 !== 0 || port >= 65535) continue;
    rtcp = await bind(host, port + 1).catch(() => null);
  }
  if (!rtp) throw new Error('cannot bind a UDP port');
  rtcp ??= await bind(host, 0);
  const sockets = [rtp, rtcp];
  for (const s of sockets) {
    s.on('message', onPacket); // receiver reports and NAT keep-alives count as client activity
    s.on('error', () => {});
  }
  return {
    rtp,
    rtcp,
    serverRtp: rtp.address().port,
    serverRtcp: rtcp.address().port,
    close: () => {
      for (const s of sockets) {
        try {
          s.close();
        } catch {
          // already closed
        }
      }
    },
  };
}

/**
 * A PacedSink that takes the `$`-framed packets the pacer writes for TCP and sends each RTP packet as one datagram
 * (the interleaved header is dropped). Backpressure: the socket's send queue.
 */
export class UdpSink implements PacedSink {
  destroyed = false;
  constructor(
    private readonly socket: dgram.Socket,
    private readonly host: string,
    private readonly port: number,
  ) {}

  get writableLength(): number {
    if (this.destroyed) return 0;
    try {
      return this.socket.getSendQueueSize();
    } catch {
      return 0;
    }
  }

  write(data: Buffer): boolean {
    if (this.destroyed) return false;
    for (let o = 0; o + 4 <= data.length; ) {
      const len = data.readUInt16BE(o + 2);
      this.socket.send(data.subarray(o + 4, o + 4 + len), this.port, this.host, () => {});
      o += 4 + len;
    }
    return true;
  }
}
