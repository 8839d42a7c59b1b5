import { describe, expect, it } from 'vitest';
import { credentialCandidates, formatIpv4, parseIpv4, parseRange, parseRangeList, registrationCandidates, toScanCredentials } from './range-input';

describe('parseRange', () => {
  it('reads single addresses, a-b ranges, a-N short ranges and CIDR blocks', () => {
    expect(parseRange('127.1.0.7')).toMatchObject({ count: 1 });
    expect(parseRange('127.1.0.1-127.1.0.50')).toMatchObject({ count: 50, first: parseIpv4('127.1.0.1'), last: parseIpv4('127.1.0.50') });
    expect(parseRange('192.168.1.1-254')).toMatchObject({ count: 254 });
    expect(parseRange('10.3.0.0/22')).toMatchObject({ count: 1022, first: parseIpv4('10.3.0.1'), last: parseIpv4('10.3.3.254') });
    expect(parseRange('10.3.0.9/32')).toMatchObject({ count: 1 });
    expect(parseRange('10.3.0.0/20')).toMatchObject({ count: 4094 });
  });

  it('refuses typos, reversed ranges and blocks larger than /20', () => {
    expect(parseRange('127.1.0')).toEqual({ problem: 'invalid' });
    expect(parseRange('127.1.0.256')).toEqual({ problem: 'invalid' });
    expect(parseRange('127.1.0.01x')).toEqual({ problem: 'invalid' });
    expect(parseRange('a.b.c.d')).toEqual({ problem: 'invalid' });
    expect(parseRange('127.1.0.50-127.1.0.1')).toEqual({ problem: 'reversed' });
    expect(parseRange('127.1.0.50-3')).toEqual({ problem: 'reversed' });
    expect(parseRange('127.1.0.5-300')).toEqual({ problem: 'invalid' });
    expect(parseRange('10.0.0.0/16')).toEqual({ problem: 'prefix' });
    expect(parseRange('10.0.0.0/33')).toEqual({ problem: 'invalid' });
  });

  it('round-trips addresses', () => {
    expect(formatIpv4(parseIpv4('255.0.10.1')!)).toBe('255.0.10.1');
  });
});

describe('parseRangeList', () => {
  it('splits on commas, spaces, line breaks and full-width commas, and counts addresses', () => {
    const r = parseRangeList('127.1.0.1-127.1.0.50, 127.2.0.1\n192.168.1.0/24，10.0.0.1');
    expect(r.errors).toEqual([]);
    expect(r.ranges.map((x) => x.text)).toEqual(['127.1.0.1-127.1.0.50', '127.2.0.1', '192.168.1.0/24', '10.0.0.1']);
    expect(r.addressCount).toBe(50 + 1 + 254 + 1);
  });
  it('reports every bad token and a total above the limit', () => {
    const r = parseRangeList('1.2.3 10.0.0.0/20 10.0.16.0/20');
    expect(r.errors).toEqual([{ token: '1.2.3', problem: 'invalid' }, { token: '', problem: 'too-many' }]);
    expect(parseRangeList('').ranges).toEqual([]);
  });
});

describe('scan credentials', () => {
  it('skips blank rows, requires a user name and valid host scopes', () => {
    const r = toScanCredentials([
      { username: 'admin', password: 'a', hosts: '' },
      { username: '', password: '', hosts: '' },
      { username: '', password: 'x', hosts: '' },
      { username: 'root', password: 'b', hosts: '127.1.0.1-10, 127.1.0.20' },
      { username: 'bad', password: 'c', hosts: '127.1' },
    ]);
    expect(r.credentials).toEqual([
      { username: 'admin', password: 'a' },
      { username: 'root', password: 'b', hosts: ['127.1.0.1-10', '127.1.0.20'] },
    ]);
    expect(r.problems).toEqual([
      { index: 2, problem: 'username' },
      { index: 4, problem: 'hosts' },
    ]);
  });

  it('puts credentials scoped to the address first, then the general ones, like the gateway', () => {
    const creds = [{ username: 'general', password: 'g' }, { username: 'scoped', password: 's', hosts: ['127.1.0.1-5'] }, { username: 'other', password: 'o', hosts: ['127.9.0.1'] }];
    expect(credentialCandidates('127.1.0.3', creds).map((c) => c.username)).toEqual(['scoped', 'general']);
    expect(credentialCandidates('127.1.0.9', creds).map((c) => c.username)).toEqual(['general']);
  });
});

describe('registering a discovered device', () => {
  const creds = [
    { username: 'admin', password: 'first' },
    { username: 'admin', password: 'scoped', hosts: ['10.0.0.1'] },
    { username: 'admin', password: 'accepted' },
  ];
  it('offers the credential the device accepted during the scan first, not the first that applies', () => {
    expect(registrationCandidates({ address: '10.0.0.1', acceptedCredential: 2 }, creds).map((c) => c.password)).toEqual(['accepted', 'scoped', 'first']);
  });
  it('falls back to the applicable ones in order when the scan named none (or its list is gone)', () => {
    expect(registrationCandidates({ address: '10.0.0.1', acceptedCredential: null }, creds).map((c) => c.password)).toEqual(['scoped', 'first', 'accepted']);
    expect(registrationCandidates({ address: '10.0.0.9', acceptedCredential: 2 }, []).map((c) => c.password)).toEqual([]);
  });
});
