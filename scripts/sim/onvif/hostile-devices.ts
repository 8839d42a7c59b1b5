/**
 * Broken and hostile "ONVIF devices" for robustness tests: each answers WS-Discovery on <host>:3702 and/or HTTP
 * on <host>:<ephemeral port> in one bad way. A discovery scan must skip every one of them with a reason, finish,
 * and leave the gateway healthy.
 */
import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeMatches } from './soap-replies';
import { readProbe } from './soap-request';

export const HOSTILE_KINDS = [
  /** ProbeMatch cut off mid-document. */
  'malformed-probe-match',
  /** A ProbeMatch without XAddrs. */
  'no-xaddrs',
  /** A ProbeMatch with a DOCTYPE declaring nested entities (billion laughs). */
  'doctype-probe-match',
  /** Fifty ProbeMatches with different UUIDs from one address. */
  'probe-flood',
  /** Valid ProbeMatch; every HTTP reply is 1 MB with Content-Length. */
  'huge-reply',
  /** Valid ProbeMatch; every HTTP reply streams 1 MB chunked, no Content-Length. */
  'huge-chunked',
  /** Valid ProbeMatch; HTTP sends headers, then one byte every 500 ms, forever. */
  'slow-loris',
  /** Valid ProbeMatch; HTTP accepts the request and never answers. */
  'silent-http',
  /** Valid ProbeMatch; SOAP replies carry a DOCTYPE with an external entity. */
  'doctype-soap',
  /** Valid ProbeMatch; SOAP replies are truncated XML. */
  'malformed-soap',
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

export interface HostileDevice {
  kind: HostileKind;
  host: string;
  httpPort: number;
  close(): Promise<void>;
}

const hostileUuid = (host: string, n = 0): string =>
  `urn:uuid:bad0bad0-${n.toString(16).padStart(4, '0')}-4000-8000-${host
    .split('.')
    .map((o) => Number(o).toString(16).padStart(2, '0'))
    .join('')
    .padStart(12, '0')}`;

function datagramsFor(kind: HostileKind, host: string, httpPort: number, relatesTo: string): string[] {
  const base = { style: 'hik' as const, messageId: `urn:uuid:${Date.now().toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, relatesTo, scopes: [`onvif://www.onvif.org/name/HOSTILE-${kind}`], ptz: false };
  const good = probeMatches({ ...base, uuid: hostileUuid(host), xaddrs: [`http://${host}:${httpPort}/onvif/device_service`] });
  switch (kind) {
    case 'malformed-probe-match':
      return [good.slice(0, Math.floor(good.length / 2))];
    case 'no-xaddrs':
      return [good.replace(/<d:XAddrs>[^<]*<\/d:XAddrs>/, '')];
    case 'doctype-probe-match': {
      const lol = '<!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
      return [good.replace('<?xml version="1.0" encoding="UTF-8"?>\n', `<?xml version="1.0" encoding="UTF-8"?>\n${lol}`).replace(hostileUuid(host), '&c;')];
    }
    case 'probe-flood':
      return Array.from({ length: 50 }, (_, n) => probeMatches({ ...base, uuid: hostileUuid(host, n + 1), xaddrs: [`http://${host}:1/onvif/device_service`] }));
    default:
      return [good];
  }
}

function httpHandler(kind: HostileKind): http.RequestListener | null {
  const soap = { 'content-type': 'application/soap+xml; charset=utf-8' };
  switch (kind) {
    case 'huge-reply':
      return (_req, res) => {
        const body = Buffer.alloc(1024 * 1024, 0x41);
        res.writeHead(200, { ...soap, 'content-length': body.length }).end(body);
      };
    case 'huge-chunked':
      return (_req, res) => {
        res.writeHead(200, soap);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const push = (): void => {
          while (sent < 16 && !res.destroyed) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', push);
          }
          res.end();
        };
        push();
      };
    case 'slow-loris':
      return (_req, res) => {
        res.writeHead(200, soap);
        const t = setInterval(() => res.write('<'), 500);
        res.on('close', () => clearInterval(t));
      };
    case 'silent-http':
      return () => {
        // never answer
      };
    case 'doctype-soap':
      return (_req, res) =>
        res
          .writeHead(200, soap)
          .end(
            '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetSystemDateAndTimeResponse>&xxe;</tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>',
          );
    case 'malformed-soap':
      return (_req, res) => res.writeHead(200, soap).end('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:GetSystemDateAndTimeResponse>');
    default:
      return null;
  }
}

export async function startHostileDevice(kind: HostileKind, host: string, opts: { discoveryPort?: number } = {}): Promise<HostileDevice> {
  const handler = httpHandler(kind);
  let server: http.Server | null = null;
  let httpPort = 1;
  if (handler) {
    const s = http.createServer(handler);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen({ host, port: 0 }, () => resolve());
    });
    server = s;
    httpPort = (s.address() as AddressInfo).port;
  }
  const udp = dgram.createSocket('udp4');
  udp.on('message', (msg, rinfo) => {
    const probe = readProbe(msg);
    if (!probe) return;
    for (const d of datagramsFor(kind, host, httpPort, probe.messageId)) udp.send(d, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind({ address: host, port: opts.discoveryPort ?? 3702, exclusive: true }, () => resolve());
  });
  return {
    kind,
    host,
    httpPort,
    async close() {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if (server) {
        const srv = server;
        srv.closeAllConnections();
        await new Promise<void>((resolve) => srv.close(() => resolve()));
      }
    },
  };
}
