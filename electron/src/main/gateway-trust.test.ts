import { describe, expect, it, vi } from 'vitest';
import type { GatewayProbeResult } from './gateway-probe';
import { ensureGatewayTrust, type GatewayTrustDeps } from './gateway-trust';
import { silentLogger } from './logger';

const A = Array(32).fill('AA').join(':');
const B = Array(32).fill('BB').join(':');

function deps(probe: GatewayProbeResult, pins: Record<string, string> = {}, confirm = true) {
  const d = {
    probe: vi.fn(async () => probe),
    pinned: (origin: string) => pins[origin] ?? null,
    pin: vi.fn((origin: string, fp: string) => void (pins[origin] = fp)),
    confirmFirstUse: vi.fn(async () => confirm),
    reportMismatch: vi.fn(async () => {}),
    log: silentLogger,
  } satisfies GatewayTrustDeps;
  return { d, pins };
}

describe('ensureGatewayTrust', () => {
  it('pins a local self-signed gateway at the first connection without asking, then trusts the pin', async () => {
    const { d, pins } = deps({ healthy: true, problem: null, certificate: { authorized: false, fingerprint: A } });
    expect(await ensureGatewayTrust('https://127.0.0.1:8443', d)).toBe('trusted');
    expect(d.confirmFirstUse).not.toHaveBeenCalled();
    expect(pins).toEqual({ 'https://127.0.0.1:8443': A });
    expect(await ensureGatewayTrust('https://127.0.0.1:8443', d)).toBe('trusted');
    expect(d.pin).toHaveBeenCalledTimes(1);
  });

  it('asks the operator for a remote gateway and pins nothing when they decline', async () => {
    const { d, pins } = deps({ healthy: true, problem: null, certificate: { authorized: false, fingerprint: A } }, {}, false);
    expect(await ensureGatewayTrust('https://10.20.0.5:8443', d)).toBe('declined');
    expect(d.confirmFirstUse).toHaveBeenCalledWith('https://10.20.0.5:8443', A);
    expect(pins).toEqual({});
  });

  it('refuses and reports a changed certificate', async () => {
    const { d, pins } = deps({ healthy: true, problem: null, certificate: { authorized: false, fingerprint: B } }, { 'https://10.20.0.5:8443': A });
    expect(await ensureGatewayTrust('https://10.20.0.5:8443', d)).toBe('mismatch');
    expect(d.reportMismatch).toHaveBeenCalledWith('https://10.20.0.5:8443', A, B);
    expect(pins['https://10.20.0.5:8443']).toBe(A);
  });

  it('decides from the certificate even when the health route fails, and waits when nothing answers', async () => {
    const sick = deps({ healthy: false, problem: 'health answered HTTP 503', certificate: { authorized: false, fingerprint: A } });
    expect(await ensureGatewayTrust('https://127.0.0.1:8443', sick.d)).toBe('trusted');
    const gone = deps({ healthy: false, problem: 'ECONNREFUSED', certificate: null });
    expect(await ensureGatewayTrust('https://127.0.0.1:8443', gone.d)).toBe('unreachable');
    expect(gone.d.pin).not.toHaveBeenCalled();
  });

  it('needs no pin for a CA-trusted certificate or plain http on loopback', async () => {
    const ca = deps({ healthy: true, problem: null, certificate: { authorized: true, fingerprint: A } });
    expect(await ensureGatewayTrust('https://gw.county.example', ca.d)).toBe('trusted');
    expect(ca.d.pin).not.toHaveBeenCalled();
    const http = deps({ healthy: true, problem: null, certificate: null });
    expect(await ensureGatewayTrust('http://127.0.0.1:8080', http.d)).toBe('trusted');
  });
});
