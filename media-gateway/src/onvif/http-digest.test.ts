import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from './http-digest';

describe('HTTP Digest (client)', () => {
  it('answers the RFC 2617 §3.5 example', () => {
    const c = parseDigestChallenge('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    expect(c).toEqual({ realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: 'auth', opaque: '5ccc069c403ebaf9f0171e9517f40e41', algorithm: null });
    const h = digestAuthorization(c!, { username: 'Mufasa', password: 'Circle Of Life' }, 'GET', '/dir/index.html', 1, '0a4f113b');
    expect(h).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(h).toContain('nc=00000001');
    expect(h).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('picks the Digest challenge among several, and refuses what it cannot answer', () => {
    expect(parseDigestChallenge(['Basic realm="x"', 'Digest realm="r", nonce="n"'])).toMatchObject({ realm: 'r', nonce: 'n', qop: null });
    expect(parseDigestChallenge('Digest realm="r", nonce="n", algorithm=SHA-256')).toBeNull();
    expect(parseDigestChallenge('Digest realm="r", nonce="n", qop="auth-int"')).toBeNull();
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    expect(parseDigestChallenge(undefined)).toBeNull();
  });

  it('computes the RFC 2069 form without qop', () => {
    const h = digestAuthorization({ realm: 'r', nonce: 'n', qop: null, opaque: null, algorithm: 'MD5' }, { username: 'u', password: 'p' }, 'POST', '/onvif/device_service', 1);
    expect(h).not.toContain('qop=');
    expect(h).toContain('algorithm=MD5');
  });
});
