import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import { HttpError } from '../platform/errors';
import { addressToString, denyReason, isHostName, parseCidr, parseHostAddress, parseIpv6, type Cidr, type DenyReason, type IpBytes } from './stream-address-policy';

/**
 * One text for every refusal, decided before any connection: whether the port is open, closed or filtered never
 * shows in the answer or its timing.
 */
export const STREAM_ADDRESS_DENIED = 'stream address is not allowed (loopback, link-local, metadata and the gateway itself are refused unless listed in cameras.allowedNetworks)';

export function streamAddressDenied(field: string): HttpError {
  return new HttpError(400, 'stream_address_denied', `${field}: ${STREAM_ADDRESS_DENIED}`);
}

/** What the camera service needs (a fake in unit tests). */
export interface StreamAddressCheck {
  /** Null when the gateway may connect to this stream URL, else why not (for the log; the API says one thing). */
  check(rawUrl: string): Promise<DenyReason | null>;
}

/** The URL to connect to: its host replaced by the address that was checked, or why none may be used. */
export type PinnedStreamUrl = { ok: true; url: string } | { ok: false; reason: DenyReason };

/** What connects (pipelines, stream tests): resolve once, check every address, connect to a checked one. */
export interface StreamAddressPin {
  pin(rawUrl: string): Promise<PinnedStreamUrl>;
}

export interface StreamAddressGuardOptions {
  /** CIDR list from `cameras.allowedNetworks`. */
  allowedNetworks: readonly string[];
  /** The gateway's listening ports, read at check time (ports may be ephemeral). */
  ownPorts: () => number[];
  /** All addresses of a host name; rejects when it does not resolve. */
  resolve?: (host: string) => Promise<string[]>;
  localAddresses?: () => string[];
}

const DEFAULT_PORTS: Record<string, number> = { 'rtsp:': 554, 'rtsps:': 322, 'rtmp:': 1935, 'http:': 80, 'https:': 443 };

function systemLocalAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/**
 * Resolves a stream URL's host (every address) and applies the policy before ffprobe/ffmpeg may connect. A name that
 * resolved to an allowed address when the camera was registered may resolve to 127.0.0.1 or 169.254.169.254 later
 * (DNS rebinding), and ffmpeg would resolve it again itself: so whatever connects asks `pin`, which checks every
 * address the name has now and hands back the URL with a checked IP literal in place of the name. RTSP is unharmed:
 * ffmpeg sends that URL in the request line and as the digest `uri` alike, and cameras answer by address.
 */
export class StreamAddressGuard implements StreamAddressCheck, StreamAddressPin {
  private readonly allowed: Cidr[];

  constructor(private readonly opts: StreamAddressGuardOptions) {
    this.allowed = opts.allowedNetworks.map((text) => {
      const cidr = parseCidr(text);
      if (!cidr) throw new Error(`cameras.allowedNetworks: "${text}" is not an address or CIDR range`);
      return cidr;
    });
  }

  async check(rawUrl: string): Promise<DenyReason | null> {
    const pinned = await this.pin(rawUrl);
    return pinned.ok ? null : pinned.reason;
  }

  async pin(rawUrl: string): Promise<PinnedStreamUrl> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return { ok: false, reason: 'invalid-host' };
    }
    const host = url.hostname;
    const port = url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? 0);
    let addresses: IpBytes[];
    const literal = parseHostAddress(host);
    if (literal) addresses = [literal];
    else if (!isHostName(host)) return { ok: false, reason: 'invalid-host' };
    else {
      let resolved: string[];
      try {
        resolved = await (this.opts.resolve ?? resolveAll)(host.replace(/\.$/, '').toLowerCase());
      } catch {
        // Unresolvable here means unresolvable for ffprobe too: its own error says so, and no port is reached.
        return { ok: true, url: rawUrl };
      }
      if (resolved.length === 0) return { ok: true, url: rawUrl };
      addresses = resolved.map((a) => parseHostAddress(a) ?? new Uint8Array(0));
    }
    const policy = {
      allowed: this.allowed,
      ownPorts: new Set(this.opts.ownPorts()),
      ownAddresses: (this.opts.localAddresses ?? systemLocalAddresses)()
        .map((a) => parseHostAddress(a) ?? parseIpv6(a))
        .filter((a): a is IpBytes => a !== null && a.length === 16),
    };
    for (const addr of addresses) {
      const reason = denyReason(addr, port, policy);
      if (reason) return { ok: false, reason };
    }
    if (literal) return { ok: true, url: rawUrl };
    const first = addressToString(addresses[0]!);
    url.hostname = first.includes(':') ? `[${first}]` : first;
    return { ok: true, url: url.toString() };
  }
}

async function resolveAll(host: string): Promise<string[]> {
  const all = await lookup(host, { all: true, verbatim: true });
  return all.map((a) => a.address);
}

/** The configured and the actually bound ports of the gateway's listeners (0 in config means ephemeral). */
export function listeningPorts(
  config: { port: number; rtmp: { enabled: boolean; port: number } },
  app: { server: { address(): unknown } },
  rtmp: { port: number } | null,
): number[] {
  const bound = app.server.address();
  const ports = [config.port, ...(config.rtmp.enabled ? [config.rtmp.port] : []), rtmp?.port ?? 0];
  if (typeof bound === 'object' && bound && 'port' in bound && typeof bound.port === 'number') ports.push(bound.port);
  return ports.filter((p) => p > 0);
}
