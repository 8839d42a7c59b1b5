/**
 * Where `npm start` puts its simulated fleet so that it can run beside another instance: the RTSP port is the one
 * the registered demo cameras use (else 8554), or the next free one when another fleet holds it; ONVIF is on unless
 * WS-Discovery's UDP 3702 (fixed by the standard) is taken on the fleet's addresses by another fleet.
 */
import { createServer } from 'node:net';
import dgram from 'node:dgram';
import { cameraAddress, DEFAULT_RTSP_PORT, WS_DISCOVERY_PORT } from '../sim/fleet';

/** Whether a port can be bound on an address (side effects behind this, so the choice is unit-testable). */
export interface PortProbe {
  tcpFree(host: string, port: number): Promise<boolean>;
  udpFree(host: string, port: number): Promise<boolean>;
}

export interface SimPortRequest {
  cameras: number;
  /** `--sim-port`: used as given (a clash then fails the fleet, and says so). */
  requested?: number | undefined;
  /** The RTSP port of the simulated cameras already registered in this data dir. */
  registered?: number | undefined;
  /** How many ports above the preferred one to try before giving up. */
  tries?: number;
}

export interface SimPortChoice {
  port: number;
  onvif: boolean;
  /** What the user should be told (a moved port, ONVIF off), one line each. */
  notes: string[];
}

/** The addresses the fleet binds that another fleet of any size would share: its first and last camera. */
function fleetHosts(cameras: number): string[] {
  const first = cameraAddress(1, 'per-camera', 0).host;
  const last = cameraAddress(cameras, 'per-camera', 0).host;
  return first === last ? [first] : [first, last];
}

async function allFree(hosts: string[], port: number, free: (host: string, port: number) => Promise<boolean>): Promise<boolean> {
  for (const host of hosts) if (!(await free(host, port))) return false;
  return true;
}

export async function chooseSimPorts(req: SimPortRequest, probe: PortProbe): Promise<SimPortChoice> {
  const hosts = fleetHosts(req.cameras);
  const notes: string[] = [];
  let port: number;
  if (req.requested !== undefined) port = req.requested;
  else {
    const preferred = req.registered ?? DEFAULT_RTSP_PORT;
    const tries = req.tries ?? 50;
    port = 0;
    for (let p = preferred; p <= Math.min(65535, preferred + tries); p++) {
      if (await allFree(hosts, p, probe.tcpFree)) {
        port = p;
        break;
      }
    }
    // Port 0: every camera on its own ephemeral port: it works, but the URLs change at every start.
    if (port !== preferred) notes.push(`RTSP port ${preferred} of ${hosts[0]} is in use (another simulator?): the simulated fleet uses ${port === 0 ? 'ephemeral ports' : `port ${port}`}`);
  }
  const onvif = await allFree(hosts, WS_DISCOVERY_PORT, probe.udpFree);
  if (!onvif) notes.push(`UDP ${WS_DISCOVERY_PORT} of ${hosts[0]} is in use (another simulator?): the simulated fleet starts without ONVIF`);
  return { port, onvif, notes };
}

/** `--sim-port` / `--sim-control-port`: a port number (0 = ephemeral), or undefined when not given. */
export function parseSimPort(value: string | undefined, flag = '--sim-port'): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new Error(`${flag}: "${value}" is not a port number (0..65535)`);
  return Number(value);
}

export const realPortProbe: PortProbe = {
  tcpFree: (host, port) =>
    new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
    }),
  udpFree: (host, port) =>
    new Promise((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => {
        socket.close();
        resolve(false);
      });
      socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve(true)));
    }),
};

/** The fleet's addresses as one scan range (`127.1.0.1-127.1.0.8`), as the Devices page's scan form takes it. */
export function simFleetRange(cameras: number): string {
  const first = cameraAddress(1, 'per-camera', 0).host;
  const last = cameraAddress(cameras, 'per-camera', 0).host;
  return first === last ? first : `${first}-${last}`;
}
