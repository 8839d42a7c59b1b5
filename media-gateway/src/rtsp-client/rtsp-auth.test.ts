import { describe, expect, it } from 'vitest';
import { Authenticator, digestResponse, parseChallenges } from './rtsp-auth';

describe('digestResponse', () => {
  it('matches the RFC 2617 §3.5 example (MD5, qop=auth)', () => {
    expect(
      digestResponse({ algorithm: 'MD5', username: 'Mufasa', password: 'Circle Of Life', realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', method: 'GET', uri: '/dir/index.html', qop: 'auth', nc: '00000001', cnonce: '0a4f113b' }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('matches the RFC 7616 §3.9.1 examples (MD5 and SHA-256)', () => {
    const common = { username: 'Mufasa', password: 'Circle of Life', realm: 'http-auth@example.org', nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', method: 'GET', uri: '/dir/index.html', qop: 'auth' as const, nc: '00000001', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' };
    expect(digestResponse({ ...common, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse({ ...common, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('computes MD5-sess and the qop-less RFC 2069 form', () => {
    const base = { username: 'u', password: 'p', realm: 'r', nonce: 'n', method: 'DESCRIBE', uri: 'rtsp://h/s' };
    // Expected values computed independently with md5sum: MD5(HA1:nonce:HA2), and for -sess HA1 = MD5(MD5(u:r:p):n:c).
    expect(digestResponse({ ...base, algorithm: 'MD5' })).toBe('607d88858b86ffea4761dc877df0f9a6');
    expect(digestResponse({ ...base, algorithm: 'MD5-sess', cnonce: 'c', qop: 'auth', nc: '00000001' })).toBe('755cd4235ae2ac80c9bc41bd8785c382');
  });
});

describe('parseChallenges', () => {
  it('splits several challenges in one value and keeps quoted commas', () => {
    const c = parseChallenges(['Digest realm="IP Camera(C1234), floor 2", nonce="a,b", qop="auth,auth-int", stale=FALSE, Basic realm="x"']);
    expect(c).toEqual([
      { scheme: 'digest', params: { realm: 'IP Camera(C1234), floor 2', nonce: 'a,b', qop: 'auth,auth-int', stale: 'FALSE' } },
      { scheme: 'basic', params: { realm: 'x' } },
    ]);
  });

  it('unescapes quoted pairs and survives hostile input', () => {
    expect(parseChallenges(['Digest realm="a\\"b", nonce=xyz'])[0]?.params).toEqual({ realm: 'a"b', nonce: 'xyz' });
    expect(() => parseChallenges(['"""===,,,Digest', '\u0000\u00ff', 'Digest realm="unterminated'])).not.toThrow();
  });
});

const header = (a: Authenticator, method = 'DESCRIBE', uri = 'rtsp://h/s'): Record<string, string> => {
  const h = a.authorization(method, uri);
  expect(h).toMatch(/^Digest /);
  return parseChallenges([h!])[0]!.params;
};

describe('Authenticator', () => {
  const creds = { username: 'admin', password: 'pa"ss' };

  it('sends nothing before a challenge and answers Digest with qop, nc and cnonce', () => {
    const a = new Authenticator(creds, () => 'c0ffee');
    expect(a.authorization('DESCRIBE', 'rtsp://h/s')).toBeUndefined();
    expect(a.onChallenge(['Digest realm="cam", nonce="n1", qop="auth", opaque="o"'])).toBe('retry');
    const p = header(a);
    expect(p).toMatchObject({ username: 'admin', realm: 'cam', nonce: 'n1', uri: 'rtsp://h/s', qop: 'auth', nc: '00000001', cnonce: 'c0ffee', opaque: 'o' });
    expect(p.response).toBe(digestResponse({ algorithm: 'MD5', ...creds, realm: 'cam', nonce: 'n1', method: 'DESCRIBE', uri: 'rtsp://h/s', qop: 'auth', nc: '00000001', cnonce: 'c0ffee' }));
    expect(p.algorithm).toBeUndefined(); // not sent when the camera did not name one
    expect(header(a, 'SETUP').nc).toBe('00000002');
  });

  it('reports wrong credentials on a second challenge, but re-authenticates on stale=true', () => {
    const a = new Authenticator(creds);
    expect(a.onChallenge(['Digest realm="cam", nonce="n1"'])).toBe('retry');
    a.authorization('DESCRIBE', 'rtsp://h/s');
    expect(a.onChallenge(['Digest realm="cam", nonce="n2", stale=true'])).toBe('retry');
    expect(header(a).nonce).toBe('n2');
    expect(a.onChallenge(['Digest realm="cam", nonce="n3"'])).toBe('failed');
  });

  it('prefers SHA-256 to MD5 and Digest to Basic; uses Basic only when offered alone', () => {
    const a = new Authenticator(creds);
    expect(a.onChallenge(['Basic realm="cam"', 'Digest realm="cam", nonce="n", algorithm=MD5', 'Digest realm="cam", nonce="n", algorithm=SHA-256'])).toBe('retry');
    expect(header(a).algorithm).toBe('SHA-256');
    const b = new Authenticator({ username: 'admin', password: '12345' });
    expect(b.onChallenge(['Basic realm="cam"'])).toBe('retry');
    expect(b.authorization('DESCRIBE', 'rtsp://h/s')).toBe(`Basic ${Buffer.from('admin:12345').toString('base64')}`);
    expect(b.onChallenge(['Basic realm="cam"'])).toBe('failed');
  });

  it('fails without credentials and on unsupported schemes', () => {
    expect(new Authenticator(null).onChallenge(['Digest realm="r", nonce="n"'])).toBe('failed');
    expect(new Authenticator(creds).onChallenge(['Digest realm="r", nonce="n", algorithm=SHA-512-256'])).toBe('unsupported');
    expect(new Authenticator(creds).onChallenge(['Negotiate'])).toBe('failed');
  });
});
