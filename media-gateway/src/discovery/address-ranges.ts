/**
 * Scan targets: IPv4 addresses, ranges and CIDR blocks, expanded and checked before a single packet goes out.
 *   192.168.1.20            one address
 *   192.168.1.1-192.168.1.254, 192.168.1.1-254   an inclusive range (the second form replaces the last octet)
 *   192.168.0.0/22          a CIDR block; for /30 and wider the network and broadcast addresses are left out
 * Unicast probes never go to multicast (224/4), broadcast (255.255.255.255 or a local network's broadcast
 * address), "this network" (0/8) or reserved (240/4) addresses. Pure.
 */
export interface Ipv4Interval {
  from: number;
  to: number;
  /** Set for CIDR input: network and broadcast are not hosts. */
  prefix: number | null;
  text: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function ipv4ToInt(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x, i) => x > 255 || (m[i + 1]!.length > 1 && m[i + 1]!.startsWith('0')))) return null;
  return ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseInterval(raw: string): Parsed<Ipv4Interval> {
  const s = raw.trim();
  if (s.includes(':')) return { ok: false, reason: `${s}: only IPv4 is supported` };
  const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(s);
  if (cidr) {
    const base = ipv4ToInt(cidr[1]!);
    const prefix = Number(cidr[2]);
    if (base === null || prefix > 32) return { ok: false, reason: `${s}: not a valid CIDR block` };
    const size = 2 ** (32 - prefix);
    const from = Math.floor(base / size) * size;
    return { ok: true, value: { from, to: from + size - 1, prefix, text: s } };
  }
  const dash = s.indexOf('-');
  if (dash >= 0) {
    const a = ipv4ToInt(s.slice(0, dash));
    const rest = s.slice(dash + 1);
    let b: number | null;
    if (/^\d{1,3}$/.test(rest) && a !== null) {
      const last = Number(rest);
      b = last <= 255 ? ((a & 0xffffff00) >>> 0) + last : null;
    } else {
      b = ipv4ToInt(rest);
    }
    if (a === null || b === null) return { ok: false, reason: `${s}: not a valid address range` };
    if (b < a) return { ok: false, reason: `${s}: range ends before it starts` };
    return { ok: true, value: { from: a, to: b, prefix: null, text: s } };
  }
  const one = ipv4ToInt(s);
  if (one === null) return { ok: false, reason: `${s}: not an IPv4 address, range or CIDR block` };
  return { ok: true, value: { from: one, to: one, prefix: null, text: s } };
}

/** Why a unicast Probe must not go to this address, or null when it may. */
export function refusedTarget(n: number, localBroadcasts: ReadonlySet<number> = new Set()): string | null {
  if (n >>> 24 === 0) return '"this network" (0.0.0.0/8)';
  if (n >>> 28 === 0xe) return 'a multicast address (use mode multicast)';
  if (n === 0xffffffff) return 'the broadcast address';
  if (n >>> 28 === 0xf) return 'a reserved address (240.0.0.0/4)';
  if (localBroadcasts.has(n)) return 'the broadcast address of a local network';
  return null;
}

export interface TargetOptions {
  max: number;
  /** Broadcast addresses of this host's networks (see localBroadcastAddresses in ws-discovery-transport.ts). */
  localBroadcasts?: ReadonlySet<number>;
}

/** Expand ranges into distinct addresses, in input order; fails on the first bad item or past `max` addresses. */
export function expandTargets(ranges: readonly string[], opts: TargetOptions): Parsed<string[]> {
  const seen = new Set<number>();
  const out: string[] = [];
  for (const raw of ranges) {
    const p = parseInterval(raw);
    if (!p.ok) return p;
    const { from, to, prefix, text } = p.value;
    if (to - from + 1 > opts.max) return { ok: false, reason: `${text}: ${to - from + 1} addresses, more than the ${opts.max} a scan may probe` };
    const hostsOnly = prefix !== null && prefix <= 30;
    for (let n = from; n <= to; n++) {
      if (hostsOnly && (n === from || n === to)) continue;
      const refused = refusedTarget(n, opts.localBroadcasts);
      if (refused) return { ok: false, reason: `${text}: ${intToIpv4(n)} is ${refused}` };
      if (seen.has(n)) continue;
      seen.add(n);
      out.push(intToIpv4(n));
      if (out.length > opts.max) return { ok: false, reason: `more than the ${opts.max} addresses a scan may probe` };
    }
  }
  if (out.length === 0) return { ok: false, reason: 'the ranges contain no host address' };
  return { ok: true, value: out };
}

/** Whether an address lies in any of the intervals (credential scoping); unparsable addresses never match. */
export function inIntervals(address: string, intervals: readonly Ipv4Interval[]): boolean {
  const n = ipv4ToInt(address);
  return n !== null && intervals.some((i) => n >= i.from && n <= i.to);
}
