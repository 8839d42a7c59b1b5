import { describe, expect, it } from 'vitest';
import { NonceIssuer, digestChallenge, digestResponse, md5Hex, parseAuthorization, verifyDigest } from './rtsp-digest';

describe('digestResponse', () => {
  it('matches the RFC 2617 §3.5 example (qop=auth)', () => {
    expect(
      digestResponse({
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('uses the RFC 2069 form without qop', () => {
    const ha1 = md5Hex('admin:cam:secret');
    const ha2 = md5Hex('DESCRIBE:rtsp://h/x');
    expect(digestResponse({ username: 'admin', realm: 'cam', password: 'secret', method: 'DESCRIBE', uri: 'rtsp://h/x', nonce: 'n1' })).toBe(
      md5Hex(`${ha1}:n1:${ha2}`),
    );
  });
});

describe('parseAuthorization', () => {
  it('handles quoted values with commas and unquoted tokens', () => {
    const a = parseAuthorization('Digest username="ad,min", realm="r", nonce="n", uri="rtsp://h:1/a?b=c", response="abc", nc=00000001, qop=auth');
    expect(a?.scheme).toBe('Digest');
    expect(a?.params).toMatchObject({ username: 'ad,min', uri: 'rtsp://h:1/a?b=c', nc: '00000001', qop: 'auth' });
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization('Digest')).toBeNull();
  });
});

describe('verifyDigest', () => {
  const nonces = new NonceIssuer();
  const creds = { username: 'admin', password: 'pw-1', realm: 'SIM-0001' };
  const header = (over: Partial<Record<string, string>> = {}, qop = true): string => {
    const nonce = over.nonce ?? nonces.issue(creds.realm);
    const uri = 'rtsp://127.1.0.1:8554/sub';
    const response =
      over.response ??
      digestResponse({ ...creds, password: over.password ?? creds.password, method: 'DESCRIBE', uri, nonce, ...(qop ? { qop: 'auth', nc: '00000001', cnonce: 'c0ffee' } : {}) });
    const q = qop ? ', qop="auth", nc=00000001, cnonce="c0ffee"' : '';
    return `Digest username="${over.username ?? 'admin'}", realm="${creds.realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm="MD5"${q}`;
  };

  it('accepts correct credentials with and without qop', () => {
    expect(verifyDigest(header(), 'DESCRIBE', creds, nonces)).toBe('ok');
    expect(verifyDigest(header({}, false), 'DESCRIBE', creds, nonces)).toBe('ok');
  });

  it('rejects a wrong password, user, method or foreign nonce', () => {
    expect(verifyDigest(header({ password: 'nope' }), 'DESCRIBE', creds, nonces)).toBe('wrong');
    expect(verifyDigest(header({ username: 'root' }), 'DESCRIBE', creds, nonces)).toBe('wrong');
    expect(verifyDigest(header(), 'SETUP', creds, nonces)).toBe('wrong');
    expect(verifyDigest(header({ nonce: new NonceIssuer().issue(creds.realm) }), 'DESCRIBE', creds, nonces)).toBe('bad-nonce');
    expect(verifyDigest(header({ nonce: nonces.issue('SIM-0002') }), 'DESCRIBE', creds, nonces)).toBe('bad-nonce');
    expect(verifyDigest(undefined, 'DESCRIBE', creds, nonces)).toBe('missing');
    expect(verifyDigest('Basic YWRtaW46cHctMQ==', 'DESCRIBE', creds, nonces)).not.toBe('ok');
  });

  it('builds a challenge', () => {
    expect(digestChallenge('r', 'n')).toBe('Digest realm="r", nonce="n", algorithm=MD5, qop="auth"');
    expect(digestChallenge('r', 'n', { qop: false, stale: true })).toBe('Digest realm="r", nonce="n", algorithm=MD5, stale=TRUE');
  });
});
