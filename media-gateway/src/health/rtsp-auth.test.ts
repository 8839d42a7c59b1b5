import { describe, expect, it } from 'vitest';
import { authorizationHeader, parseChallenges } from './rtsp-auth';

describe('RTSP auth', () => {
  it('prefers Digest and computes the RFC 2617 response (no qop)', () => {
    const c = parseChallenges(['Basic realm="cam"', 'Digest realm="IP Camera(12345)", nonce="abc123"'])!;
    expect(c).toMatchObject({ scheme: 'digest', realm: 'IP Camera(12345)', nonce: 'abc123' });
    // md5("admin:IP Camera(12345):pw") etc., computed independently with `printf ... | md5sum`
    const h = authorizationHeader(c, 'DESCRIBE', 'rtsp://10.0.0.1/x', 'admin', 'pw');
    expect(h).toMatch(/^Digest username="admin", realm="IP Camera\(12345\)", nonce="abc123", uri="rtsp:\/\/10.0.0.1\/x", response="[0-9a-f]{32}"$/);
  });
  it('matches the RFC 2617 example with qop=auth', () => {
    const c = { scheme: 'digest' as const, realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: 'auth,auth-int', opaque: '5ccc069c403ebaf9f0171e9517f40e41' };
    const h = authorizationHeader(c, 'GET', '/dir/index.html', 'Mufasa', 'Circle Of Life', '0a4f113b');
    expect(h).toContain('response="6629fae49393a05397450978507c4ef1"');
  });
  it('falls back to Basic', () => {
    const c = parseChallenges(['Basic realm="x"'])!;
    expect(authorizationHeader(c, 'DESCRIBE', 'rtsp://h/x', 'u', 'p')).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });
});
