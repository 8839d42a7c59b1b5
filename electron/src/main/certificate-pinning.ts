/**
 * Trust on first use for a gateway with a self-signed certificate (the gateway's default). Two pure decisions:
 *
 * - on connect (before any window loads the gateway): the shell fetches the gateway's health over TLS itself and
 *   looks at the certificate. CA-trusted → nothing to pin. Self-signed with no pin yet → pin it (silently for a
 *   gateway on this computer, after the operator compares the fingerprint for a remote one). Pinned and equal →
 *   go on. Pinned and different → refuse.
 * - on every TLS handshake Chromium makes (session.setCertificateVerifyProc): a certificate Chromium rejects is
 *   accepted only for the gateway's host and only when its SHA-256 fingerprint equals the pinned one. Every other
 *   host gets Chromium's own verdict. No global "ignore certificate errors", ever.
 */
import { X509Certificate } from 'node:crypto';
import { hostnameOf, isLoopbackHost } from './gateway-url';

/** Values of setCertificateVerifyProc's callback. */
export const VERIFY_ACCEPT = 0;
export const VERIFY_REJECT = -2;
export const VERIFY_USE_CHROMIUM = -3;
export type VerifyVerdict = typeof VERIFY_ACCEPT | typeof VERIFY_REJECT | typeof VERIFY_USE_CHROMIUM;

/** `AA:BB:…` (upper-case hex SHA-256 of the DER bytes), like `openssl x509 -noout -fingerprint -sha256`. */
export function fingerprintOfPem(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256.toUpperCase();
  } catch {
    return null;
  }
}

export function sameFingerprint(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toUpperCase() === b.toUpperCase();
}

export interface PresentedCertificate {
  /** Node's TLS verdict against its CA store and the host name. */
  authorized: boolean;
  fingerprint: string;
}

export type ConnectDecision =
  | { action: 'proceed'; reason: 'plain-http' | 'ca-trusted' | 'pin-matches' }
  | { action: 'pin'; fingerprint: string; confirm: boolean }
  | { action: 'refuse'; reason: 'pin-mismatch'; pinned: string; presented: string };

export function decideOnConnect(input: { origin: string; certificate: PresentedCertificate | null; pinned: string | null }): ConnectDecision {
  const { origin, certificate, pinned } = input;
  if (!origin.startsWith('https:') || certificate === null) return { action: 'proceed', reason: 'plain-http' };
  if (pinned !== null) {
    if (sameFingerprint(pinned, certificate.fingerprint)) return { action: 'proceed', reason: 'pin-matches' };
    // A pin exists because this gateway once had an untrusted certificate. A CA-trusted replacement is fine;
    // a different untrusted one is exactly what pinning is for.
    if (certificate.authorized) return { action: 'proceed', reason: 'ca-trusted' };
    return { action: 'refuse', reason: 'pin-mismatch', pinned, presented: certificate.fingerprint };
  }
  if (certificate.authorized) return { action: 'proceed', reason: 'ca-trusted' };
  return { action: 'pin', fingerprint: certificate.fingerprint, confirm: !isLoopbackHost(hostnameOf(origin)) };
}

export interface VerifyRequest {
  hostname: string;
  /** Chromium's verdict: 'OK' or an error such as 'net::ERR_CERT_AUTHORITY_INVALID'. */
  verificationResult: string;
  /** Fingerprint of the leaf certificate presented (null if it could not be read). */
  fingerprint: string | null;
}

export function decideCertificateVerification(request: VerifyRequest, gatewayOrigin: string | null, pinned: string | null): VerifyVerdict {
  if (gatewayOrigin === null || !gatewayOrigin.startsWith('https:')) return VERIFY_USE_CHROMIUM;
  const host = request.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host !== hostnameOf(gatewayOrigin).toLowerCase()) return VERIFY_USE_CHROMIUM;
  if (request.verificationResult === 'OK') return VERIFY_USE_CHROMIUM;
  return pinned !== null && sameFingerprint(request.fingerprint, pinned) ? VERIFY_ACCEPT : VERIFY_REJECT;
}
