import { createHash, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideCertificateVerification, decideOnConnect, fingerprintOfPem, VERIFY_ACCEPT, VERIFY_REJECT, VERIFY_USE_CHROMIUM } from './certificate-pinning';

const A = Array(32).fill('AA').join(':');
const B = Array(32).fill('BB').join(':');

let pem: string;
beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'county-video-gateway' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as Parameters<typeof generate>[1]);
  pem = pems.cert;
});

describe('fingerprintOfPem', () => {
  it('is the SHA-256 of the DER bytes in AA:BB:… form', () => {
    const der = new X509Certificate(pem).raw;
    const expected = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
    expect(fingerprintOfPem(pem)).toBe(expected);
  });

  it('is null for something that is not a certificate', () => {
    expect(fingerprintOfPem('-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----')).toBeNull();
  });
});

describe('decideOnConnect (trust on first use)', () => {
  const self = (fingerprint: string) => ({ authorized: false, fingerprint });

  it('needs nothing for plain http on loopback or a CA-trusted certificate', () => {
    expect(decideOnConnect({ origin: 'http://127.0.0.1:8080', certificate: null, pinned: null })).toEqual({ action: 'proceed', reason: 'plain-http' });
    expect(decideOnConnect({ origin: 'https://gw.county.example', certificate: { authorized: true, fingerprint: A }, pinned: null })).toEqual({ action: 'proceed', reason: 'ca-trusted' });
  });

  it('pins a self-signed certificate at the first connection: silently on this computer, after confirmation otherwise', () => {
    expect(decideOnConnect({ origin: 'https://127.0.0.1:8443', certificate: self(A), pinned: null })).toEqual({ action: 'pin', fingerprint: A, confirm: false });
    expect(decideOnConnect({ origin: 'https://[::1]:8443', certificate: self(A), pinned: null })).toEqual({ action: 'pin', fingerprint: A, confirm: false });
    expect(decideOnConnect({ origin: 'https://10.20.0.5:8443', certificate: self(A), pinned: null })).toEqual({ action: 'pin', fingerprint: A, confirm: true });
  });

  it('goes on when the pin matches and refuses when it does not', () => {
    expect(decideOnConnect({ origin: 'https://10.20.0.5:8443', certificate: self(A), pinned: A })).toEqual({ action: 'proceed', reason: 'pin-matches' });
    expect(decideOnConnect({ origin: 'https://10.20.0.5:8443', certificate: self(B), pinned: A })).toEqual({ action: 'refuse', reason: 'pin-mismatch', pinned: A, presented: B });
  });

  it('accepts a CA-trusted certificate replacing a pinned self-signed one', () => {
    expect(decideOnConnect({ origin: 'https://10.20.0.5:8443', certificate: { authorized: true, fingerprint: B }, pinned: A })).toEqual({ action: 'proceed', reason: 'ca-trusted' });
  });
});

describe('decideCertificateVerification (every TLS handshake Chromium makes)', () => {
  const gateway = 'https://10.20.0.5:8443';
  const bad = (hostname: string, fingerprint: string | null) => ({ hostname, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', fingerprint });

  it('accepts the gateway host only with the pinned fingerprint', () => {
    expect(decideCertificateVerification(bad('10.20.0.5', A), gateway, A)).toBe(VERIFY_ACCEPT);
    expect(decideCertificateVerification(bad('10.20.0.5', A.toLowerCase()), gateway, A)).toBe(VERIFY_ACCEPT);
    expect(decideCertificateVerification(bad('10.20.0.5', B), gateway, A)).toBe(VERIFY_REJECT);
    expect(decideCertificateVerification(bad('10.20.0.5', null), gateway, A)).toBe(VERIFY_REJECT);
    expect(decideCertificateVerification(bad('10.20.0.5', A), gateway, null)).toBe(VERIFY_REJECT);
  });

  it('never overrides Chromium for other hosts, even with the pinned certificate', () => {
    expect(decideCertificateVerification(bad('evil.example', A), gateway, A)).toBe(VERIFY_USE_CHROMIUM);
    expect(decideCertificateVerification(bad('10.20.0.50', A), gateway, A)).toBe(VERIFY_USE_CHROMIUM);
  });

  it("leaves certificates Chromium trusts to Chromium, and does nothing without an https gateway", () => {
    expect(decideCertificateVerification({ hostname: '10.20.0.5', verificationResult: 'OK', fingerprint: B }, gateway, A)).toBe(VERIFY_USE_CHROMIUM);
    expect(decideCertificateVerification(bad('127.0.0.1', A), 'http://127.0.0.1:8080', A)).toBe(VERIFY_USE_CHROMIUM);
    expect(decideCertificateVerification(bad('10.20.0.5', A), null, A)).toBe(VERIFY_USE_CHROMIUM);
  });

  it('matches IPv6 hosts with or without brackets', () => {
    expect(decideCertificateVerification(bad('::1', A), 'https://[::1]:8443', A)).toBe(VERIFY_ACCEPT);
    expect(decideCertificateVerification(bad('[::1]', A), 'https://[::1]:8443', A)).toBe(VERIFY_ACCEPT);
  });
});
