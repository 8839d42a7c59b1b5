/**
 * RTP/RTCP over UDP (RFC 2326 §12.39, RFC 3550 §11): a client port pair (even RTP port, RTCP the next one) bound on
 * the address the camera connection uses, and datagrams accepted only from the camera's address.
 */
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';

export interface UdpPair {
  rtpPort: number;
  rtcpPort: number;
  rtp: dgram.Socket;
  rtcp: dgram.Socket;
  close(): void;
}

const BIND_ATTEMPTS = 40;

function bind(address: string, port: number): Promise<dgram.Socket | null> {
  return new Promise((resolve) => {
    const s = dgram.createSocket({ type: address.includes(':') ? 'udp6' : 'udp4' });
    s.once('error', () => {
      s.close();
      resolve(null);
    });
    s.bind({ address, port, exclusive: true }, () => {
      s.removeAllListeners('error');
      resolve(s);
    });
  });
}

/** An even/odd port pair on `address`, tried at random even ports (RFC 3550 §11); throws after many collisions. */
export async function bindUdpPair(address: string): Promise<UdpPair> {
  for (let i = 0; i < BIND_ATTEMPTS; i++) {
    const port = randomInt(20_000 / 2, 60_000 / 2) * 2;
    const rtp = await bind(address, port);
    if (!rtp) continue;
    const rtcp = await bind(address, port + 1);
    if (!rtcp) {
      rtp.close();
      continue;
    }
    return {
      rtpPort: port,
      rtcpPort: port + 1,
      rtp,
      rtcp,
      close: () => {
        rtp.close();
        rtcp.close();
      },
    };
  }
  throw new Error(`no free UDP port pair on ${address}`);
}

export const normaliseAddress = (a: string | undefined): string => (a?.startsWith('::ffff:') ? a.slice(7) : (a ?? ''));
