/**
 * Sending Probes and collecting what comes back, over UDP. Two plans:
 * - unicast: a Probe to UDP 3702 of every target address, rate-limited, repeated in rounds to the addresses that
 *   have not answered yet (alternating the probed type between NetworkVideoTransmitter and Device, since older
 *   firmware only answers the latter), then listening for `windowMs` after the last Probe;
 * - multicast: Probes to 239.255.255.250:3702 out of one chosen interface (TTL 1, no loopback), then the window.
 *   For production networks only: tests never send multicast outside a network namespace they created.
 * The transport hands raw datagrams to the sink; parsing and de-duplication are the scan job's.
 */
import dgram from 'node:dgram';
import { networkInterfaces } from 'node:os';
import { ipv4ToInt } from './address-ranges';
import { MAX_DATAGRAM_BYTES, WS_DISCOVERY_MULTICAST, WS_DISCOVERY_PORT, buildProbe, newMessageId, type ProbeType } from '../onvif/ws-discovery-messages';

export type ProbePlan = { mode: 'unicast'; targets: readonly string[] } | { mode: 'multicast'; interfaceAddress: string };

export interface ProbeTiming {
  rounds: number;
  roundGapMs: number;
  probesPerSecond: number;
  windowMs: number;
  /** Destination port (3702; tests of the transport alone may point it elsewhere). */
  port: number;
}

export const DEFAULT_PROBE_TIMING: Omit<ProbeTiming, 'windowMs'> = { rounds: 3, roundGapMs: 400, probesPerSecond: 1000, port: WS_DISCOVERY_PORT };

export interface ProbeSink {
  /** A Probe went out with this MessageID (answers must relate to one of them). */
  sent(messageId: string): void;
  /** Unicast: a target got its first Probe. Multicast: a Probe was sent (target = the group). */
  probed(target: string): void;
  datagram(from: string, data: Buffer): void;
  /** Unicast: whether the target has answered, so later rounds skip it. */
  answered(target: string): boolean;
  /** A Probe could not be sent (EACCES for a broadcast address, ENETUNREACH, …). */
  sendFailed(target: string, code: string): void;
}

export interface WsDiscoveryTransport {
  run(plan: ProbePlan, timing: ProbeTiming, sink: ProbeSink, signal: AbortSignal): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export class UdpWsDiscoveryTransport implements WsDiscoveryTransport {
  async run(plan: ProbePlan, timing: ProbeTiming, sink: ProbeSink, signal: AbortSignal): Promise<void> {
    const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    socket.on('message', (msg, rinfo) => {
      if (msg.length <= MAX_DATAGRAM_BYTES) sink.datagram(rinfo.address, msg);
    });
    socket.on('error', () => {
      // send errors are reported per datagram through the send callback
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind({ port: 0, address: plan.mode === 'multicast' ? plan.interfaceAddress : undefined, exclusive: true }, () => {
          socket.off('error', reject);
          resolve();
        });
      });
      if (plan.mode === 'multicast') {
        socket.setMulticastInterface(plan.interfaceAddress);
        socket.setMulticastTTL(1);
        socket.setMulticastLoopback(false);
      }
      const targets = plan.mode === 'unicast' ? plan.targets : [WS_DISCOVERY_MULTICAST];
      const started = performance.now();
      let sent = 0;
      for (let round = 0; round < timing.rounds && !signal.aborted; round++) {
        if (round > 0) await sleep(timing.roundGapMs, signal);
        const type: ProbeType = round % 2 === 0 ? 'networkVideoTransmitter' : 'device';
        for (const target of targets) {
          if (signal.aborted) break;
          if (plan.mode === 'unicast' && round > 0 && sink.answered(target)) continue;
          const id = newMessageId();
          sink.sent(id);
          if (plan.mode === 'multicast' || round === 0) sink.probed(target);
          socket.send(buildProbe(id, type), timing.port, target, (err) => {
            if (err) sink.sendFailed(target, (err as NodeJS.ErrnoException).code ?? err.message);
          });
          sent++;
          // Token bucket in disguise: never ahead of probesPerSecond since the first Probe.
          const due = started + (sent / timing.probesPerSecond) * 1000;
          const wait = due - performance.now();
          if (wait >= 5) await sleep(wait, signal);
        }
      }
      await sleep(timing.windowMs, signal);
    } finally {
      await new Promise<void>((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve();
        }
      });
    }
  }
}

export interface LocalNetworks {
  /** Broadcast addresses of this host's IPv4 networks. */
  broadcasts: Set<number>;
  /** An interface name or one of its IPv4 addresses → the IPv4 address to send from; null when there is none. */
  interfaceAddress(nameOrAddress: string): string | null;
}

export function localNetworks(): LocalNetworks {
  const ifaces = networkInterfaces();
  const broadcasts = new Set<number>();
  for (const list of Object.values(ifaces)) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' || !a.cidr) continue;
      const addr = ipv4ToInt(a.address);
      const prefix = Number(a.cidr.split('/')[1]);
      if (addr === null || prefix >= 31) continue;
      const hostBits = 2 ** (32 - prefix) - 1;
      broadcasts.add((Math.floor(addr / (hostBits + 1)) * (hostBits + 1) + hostBits) >>> 0);
    }
  }
  return {
    broadcasts,
    interfaceAddress(nameOrAddress) {
      for (const [name, list] of Object.entries(ifaces)) {
        for (const a of list ?? []) {
          if (a.family === 'IPv4' && (name === nameOrAddress || a.address === nameOrAddress)) return a.address;
        }
      }
      return null;
    },
  };
}
