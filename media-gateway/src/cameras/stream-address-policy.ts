/**
 * Which addresses the gateway may open a camera stream to (pure; the DNS and interface adapter is
 * stream-address-guard.ts). A stream URL is handed to ffprobe/ffmpeg, which resolve the host with getaddrinfo, so
 * every numeric spelling the C library accepts (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`, `::ffff:127.0.0.1`)
 * must be read the same way here before deciding; otherwise the check and the connection disagree.
 *
 * Addresses are kept as 16 bytes, IPv4 as IPv4-mapped IPv6, so one CIDR matcher serves both families.
 */

export type IpBytes = Uint8Array; // length 16

export interface Cidr {
  bytes: IpBytes;
  /** Prefix length over the 16 bytes (an IPv4 /8 is stored as /104). */
  prefix: number;
}

export type DenyReason = 'loopback' | 'link-local' | 'metadata' | 'unspecified' | 'self' | 'invalid-host';

/** One numeric part as inet_aton reads it: 0x… hex, 0… octal, else decimal. */
function parseInetPart(part: string): number | null {
  if (part === '') return null;
  let n: number;
  if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  else if (/^0[0-7]*$/.test(part)) n = parseInt(part, 8);
  else if (/^[1-9][0-9]*$/.test(part)) n = parseInt(part, 10);
  else return null;
  return Number.isSafeInteger(n) ? n : null;
}

/** IPv4 the way inet_aton (and so getaddrinfo) reads it: 1 to 4 parts, the last one filling the remaining bytes. */
export function parseIpv4Loose(host: string): number | null {
  const parts = host.split('.');
  if (parts.length > 4) return null;
  const nums = parts.map(parseInetPart);
  if (nums.some((n) => n === null)) return null;
  const values = nums as number[];
  const last = values[values.length - 1]!;
  const head = values.slice(0, -1);
  if (head.some((n) => n > 255)) return null;
  if (last >= 2 ** (8 * (4 - head.length))) return null;
  let out = 0;
  head.forEach((n, i) => (out += n * 2 ** (8 * (3 - i))));
  return out + last;
}

function v4Bytes(v: number): IpBytes {
  const b = new Uint8Array(16);
  b[10] = 0xff;
  b[11] = 0xff;
  b[12] = (v >>> 24) & 0xff;
  b[13] = (v >>> 16) & 0xff;
  b[14] = (v >>> 8) & 0xff;
  b[15] = v & 0xff;
  return b;
}

/** Strict IPv6 (with an optional dotted IPv4 tail and zone id); brackets allowed. */
export function parseIpv6(input: string): IpBytes | null {
  let s = input;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const q = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.slice(lastColon + 1));
    if (!q) return null;
    const o = q.slice(1).map(Number) as [number, number, number, number];
    if (o.some((n) => n > 255)) return null;
    tail = [(o[0] << 8) | o[1], (o[2] << 8) | o[3]];
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const group = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const p of h.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(p)) return null;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const want = 8 - tail.length;
  const dbl = s.indexOf('::');
  let groups: number[];
  if (dbl >= 0) {
    if (s.indexOf('::', dbl + 1) >= 0) return null;
    const a = group(s.slice(0, dbl));
    const b = group(s.slice(dbl + 2));
    if (!a || !b || a.length + b.length > want - 1) return null;
    groups = [...a, ...new Array<number>(want - a.length - b.length).fill(0), ...b];
  } else {
    const a = group(s);
    if (!a || a.length !== want) return null;
    groups = a;
  }
  const bytes = new Uint8Array(16);
  [...groups, ...tail].forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/**
 * A host that is a numeric address, as 16 bytes; `null` when it is a name to resolve. IPv4-mapped (::ffff:a.b.c.d)
 * and IPv4-compatible (::a.b.c.d) IPv6 are read as the IPv4 address they carry.
 */
export function parseHostAddress(host: string): IpBytes | null {
  if (host.startsWith('[') || host.includes(':')) return parseIpv6(host) ?? new Uint8Array(0);
  const v4 = parseIpv4Loose(host);
  return v4 === null ? null : v4Bytes(v4);
}

/** Whether a host string can only be a DNS name (letters, digits, hyphens, dots). */
export function isHostName(host: string): boolean {
  return host.length <= 253 && /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i.test(host);
}

export function parseCidr(text: string): Cidr | null {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  const host = m[1]!;
  const isV6 = host.includes(':');
  // Allow-list entries are written by admins: only canonical dotted quads, no inet_aton spellings.
  let bytes: IpBytes | null;
  if (isV6) bytes = parseIpv6(host);
  else {
    const q = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
    bytes = q && q.slice(1).every((o) => Number(o) <= 255) ? v4Bytes(q.slice(1).reduce((acc, o) => acc * 256 + Number(o), 0)) : null;
  }
  if (!bytes) return null;
  const max = isV6 ? 128 : 32;
  const len = m[2] === undefined ? max : Number(m[2]);
  if (len > max) return null;
  return { bytes, prefix: isV6 ? len : len + 96 };
}

export function inCidr(addr: IpBytes, cidr: Cidr): boolean {
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const bits = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if (((addr[bit / 8] ?? 0) & mask) !== ((cidr.bytes[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/** ::a.b.c.d (deprecated IPv4-compatible) → ::ffff:a.b.c.d, so it meets the IPv4 rules. */
function normalise(addr: IpBytes): IpBytes {
  const zeros = addr.subarray(0, 12).every((b) => b === 0);
  const [a, b, c, d] = [addr[12]!, addr[13]!, addr[14]!, addr[15]!];
  // :: and ::1 are themselves, not 0.0.0.0 and 0.0.0.1.
  if (zeros && (a | b) !== 0) return v4Bytes(a * 2 ** 24 + (b << 16) + (c << 8) + d);
  return addr;
}

const cidrs = (list: string[]) => list.map((c) => parseCidr(c)!);
const UNSPECIFIED = cidrs(['0.0.0.0/8', '::/128']);
const METADATA = cidrs(['169.254.169.254/32', '169.254.170.2/32', '100.100.100.200/32', 'fd00:ec2::254/128']);
const LOOPBACK = cidrs(['127.0.0.0/8', '::1/128']);
const LINK_LOCAL = cidrs(['169.254.0.0/16', 'fe80::/10']);

export function addressToString(addr: IpBytes): string {
  const n = normalise(addr);
  if (inCidr(n, { bytes: v4Bytes(0), prefix: 96 })) return Array.from(n.subarray(12)).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((n[i]! << 8) | n[i + 1]!).toString(16));
  return groups.join(':');
}

export interface AddressPolicy {
  /** Networks an admin allowed (cameras.allowedNetworks): they lift the loopback and link-local refusal. */
  allowed: Cidr[];
  /** The gateway's own listening ports (HTTP, RTMP, …). */
  ownPorts: ReadonlySet<number>;
  /** The machine's own interface addresses (besides loopback and unspecified, which are always "self"). */
  ownAddresses: IpBytes[];
}

/**
 * Why an address may not be connected to, or null when it may. Unspecified, cloud metadata and the gateway's own
 * ports are refused even inside an allowed network: no camera lives there.
 */
export function denyReason(raw: IpBytes, port: number, policy: AddressPolicy): DenyReason | null {
  if (raw.length !== 16) return 'invalid-host';
  const addr = normalise(raw);
  if (UNSPECIFIED.some((c) => inCidr(addr, c))) return 'unspecified';
  if (METADATA.some((c) => inCidr(addr, c))) return 'metadata';
  const isLoopback = LOOPBACK.some((c) => inCidr(addr, c));
  const isSelf = isLoopback || policy.ownAddresses.some((own) => inCidr(addr, { bytes: normalise(own), prefix: 128 }));
  if (isSelf && policy.ownPorts.has(port)) return 'self';
  const allowed = policy.allowed.some((c) => inCidr(addr, c));
  if (isLoopback && !allowed) return 'loopback';
  if (LINK_LOCAL.some((c) => inCidr(addr, c)) && !allowed) return 'link-local';
  return null;
}
