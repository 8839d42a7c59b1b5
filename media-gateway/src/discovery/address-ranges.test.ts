import { describe, expect, it } from 'vitest';
import { expandTargets, inIntervals, intToIpv4, ipv4ToInt, parseInterval, refusedTarget } from './address-ranges';

const expand = (ranges: string[], max = 4096, broadcasts: number[] = []) => expandTargets(ranges, { max, localBroadcasts: new Set(broadcasts) });

describe('address ranges', () => {
  it('converts addresses both ways and refuses bad ones', () => {
    expect(ipv4ToInt('127.1.3.130')).toBe(0x7f010382);
    expect(intToIpv4(0xc0a80101)).toBe('192.168.1.1');
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', 'a.b.c.d', '']) expect(ipv4ToInt(bad)).toBeNull();
  });

  it('expands single addresses, full ranges and last-octet ranges, de-duplicated in order', () => {
    expect(expand(['192.168.1.20'])).toEqual({ ok: true, value: ['192.168.1.20'] });
    expect(expand(['127.1.0.249-127.1.1.2'])).toEqual({ ok: true, value: ['127.1.0.249', '127.1.0.250', '127.1.0.251', '127.1.0.252', '127.1.0.253', '127.1.0.254', '127.1.0.255', '127.1.1.0', '127.1.1.1', '127.1.1.2'] });
    expect(expand(['10.0.0.3-5', '10.0.0.4'])).toEqual({ ok: true, value: ['10.0.0.3', '10.0.0.4', '10.0.0.5'] });
    const fleet = expand(['127.1.0.1-127.1.3.130']);
    expect(fleet.ok && fleet.value.length).toBe(3 * 256 + 130);
  });

  it('expands CIDR blocks without network and broadcast addresses (except /31 and /32)', () => {
    const r = expand(['192.168.4.0/30']);
    expect(r).toEqual({ ok: true, value: ['192.168.4.1', '192.168.4.2'] });
    expect(expand(['192.168.4.7/24'])).toMatchObject({ ok: true, value: expect.arrayContaining(['192.168.4.1', '192.168.4.254']) });
    expect(expand(['192.168.4.0/31'])).toEqual({ ok: true, value: ['192.168.4.0', '192.168.4.1'] });
    expect(expand(['192.168.4.9/32'])).toEqual({ ok: true, value: ['192.168.4.9'] });
    const b22 = expand(['127.1.0.0/22']);
    expect(b22.ok && b22.value.length).toBe(1022);
  });

  it('caps the number of addresses', () => {
    expect(expand(['10.0.0.0/20'])).toMatchObject({ ok: true });
    expect(expand(['10.0.0.0/19'])).toEqual({ ok: false, reason: '10.0.0.0/19: 8192 addresses, more than the 4096 a scan may probe' });
    expect(expand(['10.0.0.0/23', '10.0.2.0/23', '10.0.4.0/23'], 1000)).toMatchObject({ ok: false, reason: 'more than the 1000 addresses a scan may probe' });
  });

  it('refuses IPv6, garbage, reversed ranges and unicast to multicast/broadcast/reserved targets', () => {
    expect(expand(['fe80::1'])).toMatchObject({ ok: false, reason: 'fe80::1: only IPv4 is supported' });
    expect(expand(['10.0.0.9-3'])).toMatchObject({ ok: false, reason: expect.stringContaining('ends before it starts') });
    expect(expand(['10.0.0.0/33'])).toMatchObject({ ok: false });
    expect(expand(['hello'])).toMatchObject({ ok: false });
    expect(expand(['239.255.255.250'])).toMatchObject({ ok: false, reason: expect.stringContaining('multicast') });
    expect(expand(['224.0.0.0/30'])).toMatchObject({ ok: false, reason: expect.stringContaining('multicast') });
    expect(expand(['255.255.255.255'])).toMatchObject({ ok: false, reason: expect.stringContaining('broadcast') });
    expect(expand(['0.0.0.0'])).toMatchObject({ ok: false, reason: expect.stringContaining('this network') });
    expect(expand(['240.0.0.1'])).toMatchObject({ ok: false, reason: expect.stringContaining('reserved') });
    expect(expand(['192.168.1.250-192.168.1.255'], 4096, [ipv4ToInt('192.168.1.255')!])).toMatchObject({ ok: false, reason: expect.stringContaining('broadcast address of a local network') });
    expect(refusedTarget(ipv4ToInt('192.168.1.255')!)).toBeNull();
    expect(expand(['192.168.1.0/32'])).toMatchObject({ ok: true });
  });

  it('matches addresses against credential scopes', () => {
    const scopes = ['127.1.0.0/24', '10.0.0.5'].map((r) => {
      const p = parseInterval(r);
      if (!p.ok) throw new Error(p.reason);
      return p.value;
    });
    expect(inIntervals('127.1.0.77', scopes)).toBe(true);
    expect(inIntervals('10.0.0.5', scopes)).toBe(true);
    expect(inIntervals('10.0.0.6', scopes)).toBe(false);
    expect(inIntervals('not-an-ip', scopes)).toBe(false);
  });
});
