// Pure: the scan form's address ranges and credential rows, checked before anything is sent. The gateway checks
// again in full (address-ranges.ts); this catches typos early and says how many addresses a scan will probe.
import { DISCOVERY_MAX_ADDRESSES, type DiscoveryCredential } from '../../../../contracts/src/discovery';

export type RangeProblem = 'invalid' | 'reversed' | 'prefix' | 'too-many';

export interface ParsedRange {
  text: string;
  /** First and last address as 32-bit unsigned integers. */
  first: number;
  last: number;
  count: number;
}

export interface RangeListResult {
  ranges: ParsedRange[];
  errors: Array<{ token: string; problem: RangeProblem }>;
  addressCount: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** One token: `a.b.c.d`, `a.b.c.d-e.f.g.h`, `a.b.c.d-N` (last octet) or `a.b.c.d/n` (n ≥ 20: at most 4094 hosts). */
export function parseRange(token: string): ParsedRange | { problem: RangeProblem } {
  const text = token.trim();
  if (text.length < 7 || text.length > 64 || !/^[0-9./-]+$/.test(text)) return { problem: 'invalid' };
  const cidr = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (cidr) {
    const base = parseIpv4(cidr[1]!);
    const prefix = Number(cidr[2]);
    if (base === null || prefix > 32) return { problem: 'invalid' };
    if (prefix < 20) return { problem: 'prefix' };
    const size = 2 ** (32 - prefix);
    const network = Math.floor(base / size) * size;
    // Network and broadcast addresses are not probed, except in /31 and /32.
    if (prefix >= 31) return { text, first: network, last: network + size - 1, count: size };
    return { text, first: network + 1, last: network + size - 2, count: size - 2 };
  }
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const first = parseIpv4(text.slice(0, dash));
    const tail = text.slice(dash + 1);
    let last: number | null;
    if (/^\d{1,3}$/.test(tail)) last = first === null || !OCTET.test(tail) ? null : first - (first % 256) + Number(tail);
    else last = parseIpv4(tail);
    if (first === null || last === null) return { problem: 'invalid' };
    if (last < first) return { problem: 'reversed' };
    return { text, first, last, count: last - first + 1 };
  }
  const one = parseIpv4(text);
  return one === null ? { problem: 'invalid' } : { text, first: one, last: one, count: 1 };
}

/** Splits on commas, semicolons, spaces and line breaks; empty input gives no ranges and no errors. */
export function parseRangeList(input: string, max = DISCOVERY_MAX_ADDRESSES): RangeListResult {
  const tokens = input.split(/[\s,;，；]+/).filter(Boolean);
  const ranges: ParsedRange[] = [];
  const errors: RangeListResult['errors'] = [];
  for (const token of tokens) {
    const r = parseRange(token);
    if ('problem' in r) errors.push({ token, problem: r.problem });
    else ranges.push(r);
  }
  const addressCount = ranges.reduce((n, r) => n + r.count, 0);
  if (addressCount > max) errors.push({ token: '', problem: 'too-many' });
  return { ranges, errors, addressCount };
}

export function rangeContains(range: Pick<ParsedRange, 'first' | 'last'>, address: string): boolean {
  const n = parseIpv4(address);
  return n !== null && n >= range.first && n <= range.last;
}

/** One credential row of the scan form (hosts: optional range list limiting where it is tried). */
export interface CredentialDraft {
  username: string;
  password: string;
  hosts: string;
}

export type CredentialProblem = 'username' | 'hosts';

export function emptyCredential(): CredentialDraft {
  return { username: '', password: '', hosts: '' };
}

/** The request's credentials; blank rows are skipped, a row with a password or hosts but no user name is a problem. */
export function toScanCredentials(drafts: readonly CredentialDraft[]): { credentials: DiscoveryCredential[]; problems: Array<{ index: number; problem: CredentialProblem }> } {
  const credentials: DiscoveryCredential[] = [];
  const problems: Array<{ index: number; problem: CredentialProblem }> = [];
  drafts.forEach((d, index) => {
    const username = d.username.trim();
    const hostsText = d.hosts.trim();
    if (!username && !d.password && !hostsText) return;
    if (!username) {
      problems.push({ index, problem: 'username' });
      return;
    }
    if (hostsText) {
      const parsed = parseRangeList(hostsText);
      if (parsed.errors.length > 0 || parsed.ranges.length === 0 || parsed.ranges.length > 16) {
        problems.push({ index, problem: 'hosts' });
        return;
      }
      credentials.push({ username, password: d.password, hosts: parsed.ranges.map((r) => r.text) });
    } else credentials.push({ username, password: d.password });
  });
  return { credentials, problems };
}

/**
 * The credentials to try for a device at `address`, in the gateway's order: those scoped to its address first,
 * then the general ones. (The scan result does not say which one the device accepted.)
 */
export function credentialCandidates(address: string, credentials: readonly DiscoveryCredential[]): DiscoveryCredential[] {
  const scoped = credentials.filter((c) => c.hosts?.some((h) => {
    const r = parseRange(h);
    return !('problem' in r) && rangeContains(r, address);
  }));
  const general = credentials.filter((c) => !c.hosts);
  return [...scoped, ...general];
}

/**
 * The credentials to register a discovered device with, best first: the one it accepted during the scan (by its
 * index in the scan's list), then the others that apply to its address. The accepted one is only known while the
 * list the scan was started with is at hand.
 */
export function registrationCandidates(device: { address: string; acceptedCredential: number | null }, scanCredentials: readonly DiscoveryCredential[]): DiscoveryCredential[] {
  const accepted = device.acceptedCredential === null ? undefined : scanCredentials[device.acceptedCredential];
  const others = credentialCandidates(device.address, scanCredentials).filter((c) => c !== accepted);
  return accepted ? [accepted, ...others] : others;
}
