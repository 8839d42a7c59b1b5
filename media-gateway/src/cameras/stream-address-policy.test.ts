import { describe, expect, it } from 'vitest';
import { addressToString, denyReason, inCidr, isHostName, parseCidr, parseHostAddress, parseIpv4Loose, parseIpv6, type AddressPolicy } from './stream-address-policy';

const policy = (over: Partial<AddressPolicy> = {}): AddressPolicy => ({ allowed: [], ownPorts: new Set([8443, 1935]), ownAddresses: [], ...over });
const addr = (host: string) => {
  const a = parseHostAddress(host);
  if (!a) throw new Error(`${host} is not numeric`);
  return a;
};
const reason = (host: string, port = 554, p = policy()) => denyReason(addr(host), port, p);

describe('parseIpv4Loose (inet_aton rules, as getaddrinfo reads them)', () => {
  it.each([
    ['127.0.0.1', 0x7f000001],
    ['2130706433', 0x7f000001],
    ['0x7f000001', 0x7f000001],
    ['0x7f.1', 0x7f000001],
    ['0177.0.0.1', 0x7f000001],
    ['0177.1', 0x7f000001],
    ['127.1', 0x7f000001],
    ['127.0.1', 0x7f000001],
    ['0X7F.0.0.01', 0x7f000001],
    ['169.254.43518', 0xa9fea9fe],
    ['0', 0],
    ['0x', 0],
    ['255.255.255.255', 0xffffffff],
  ])('%s', (host, value) => expect(parseIpv4Loose(host)).toBe(value));

  it.each(['256.0.0.1', '1.2.3.4.5', '127.0.0.256', '08.0.0.1', '0x1g.1', '127..1', '127.0.0.1.', '', '1.16777216', 'a.b.c.d', '4294967296', '-1'])(
    'refuses %s',
    (host) => expect(parseIpv4Loose(host)).toBeNull(),
  );
});

describe('parseIpv6', () => {
  it.each([
    ['::1', '0:0:0:0:0:0:0:1'],
    ['[::1]', '0:0:0:0:0:0:0:1'],
    ['::', '0:0:0:0:0:0:0:0'],
    ['fe80::1%eth0', 'fe80:0:0:0:0:0:0:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1::8', '1:0:0:0:0:0:0:8'],
    ['1::', '1:0:0:0:0:0:0:0'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['[::ffff:7f00:1]', '127.0.0.1'],
    ['::127.0.0.1', '127.0.0.1'],
    ['64:ff9b::1.2.3.4', '64:ff9b:0:0:0:0:102:304'],
  ])('%s', (host, text) => expect(addressToString(parseIpv6(host)!)).toBe(text));

  it.each([':::1', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::1', '1:2:3:4:5:6:7', '::ffff:256.0.0.1', '::1.2.3', '127.0.0.1', ':1::'])('refuses %s', (host) =>
    expect(parseIpv6(host)).toBeNull(),
  );
});

describe('parseHostAddress', () => {
  it('reads numeric hosts and leaves names for DNS', () => {
    expect(addressToString(addr('0x7f.1'))).toBe('127.0.0.1');
    expect(parseHostAddress('camera-1.county.example')).toBeNull();
    expect(parseHostAddress('[zz::1]')).toHaveLength(0); // a broken literal: refused, never resolved
  });
  it('tells host names from garbage', () => {
    expect(isHostName('cam-1.example.')).toBe(true);
    expect(isHostName('localhost')).toBe(true);
    expect(isHostName('%31%32%37.0.0.1')).toBe(false);
    expect(isHostName('127.0.0.1.')).toBe(false);
    expect(isHostName('a_b')).toBe(false);
  });
});

describe('parseCidr / inCidr', () => {
  it('matches IPv4 and IPv6 ranges, with and without a prefix', () => {
    expect(inCidr(addr('127.1.3.130'), parseCidr('127.1.0.0/16')!)).toBe(true);
    expect(inCidr(addr('127.2.0.1'), parseCidr('127.1.0.0/16')!)).toBe(false);
    expect(inCidr(addr('10.0.0.7'), parseCidr('10.0.0.7')!)).toBe(true);
    expect(inCidr(addr('10.0.0.8'), parseCidr('10.0.0.7')!)).toBe(false);
    expect(inCidr(addr('fe80::abcd'), parseCidr('fe80::/10')!)).toBe(true);
    expect(inCidr(addr('febf::1'), parseCidr('fe80::/10')!)).toBe(true);
    expect(inCidr(addr('fec0::1'), parseCidr('fe80::/10')!)).toBe(false);
    expect(inCidr(addr('1.2.3.4'), parseCidr('0.0.0.0/0')!)).toBe(true);
    expect(inCidr(addr('::ffff:1.2.3.4'), parseCidr('1.2.0.0/16')!)).toBe(true);
  });
  it.each(['127.1/16', '0x7f.0.0.0/8', '10.0.0.0/33', '::/129', 'example.com/8', '10.0.0.0/', '300.0.0.0/8'])('refuses %s', (text) =>
    expect(parseCidr(text)).toBeNull(),
  );
});

describe('denyReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['[fe80::1%25eth0]', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.43518', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['[::]', 'unspecified'],
  ])('%s is refused (%s)', (host, why) => expect(reason(host)).toBe(why));

  it.each(['192.168.1.64', '10.0.0.1', '172.16.5.5', '8.8.8.8', '2001:db8::1', '100.64.0.1', '169.253.255.255', '169.255.0.1'])('%s is allowed', (host) =>
    expect(reason(host)).toBeNull(),
  );

  it('an allowed network lifts the loopback and link-local refusal, nothing else', () => {
    const lab = policy({ allowed: ['127.1.0.0/16', '169.254.0.0/16', '0.0.0.0/0', '::/0'].map((c) => parseCidr(c)!) });
    expect(reason('127.1.0.5', 554, lab)).toBeNull();
    expect(reason('169.254.10.10', 554, lab)).toBeNull();
    expect(reason('169.254.169.254', 80, lab)).toBe('metadata');
    expect(reason('0.0.0.0', 554, lab)).toBe('unspecified');
    expect(reason('127.1.0.5', 8443, lab)).toBe('self');
    expect(reason('::1', 1935, lab)).toBe('self');
  });

  it("the gateway's own ports are refused on its own addresses, even when the range is allowed", () => {
    const own = policy({ ownAddresses: [addr('192.168.1.10')], allowed: [parseCidr('192.168.0.0/16')!] });
    expect(reason('192.168.1.10', 8443, own)).toBe('self');
    expect(reason('::ffff:192.168.1.10', 1935, own)).toBe('self');
    expect(reason('192.168.1.10', 554, own)).toBeNull();
    expect(reason('192.168.1.11', 8443, own)).toBeNull();
    expect(reason('127.0.0.1', 8443)).toBe('self');
  });

  it('a broken literal is refused', () => expect(denyReason(new Uint8Array(0), 554, policy())).toBe('invalid-host'));
});
