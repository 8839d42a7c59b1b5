/**
 * Applies the trust-on-first-use decision for the current gateway before (and whenever) a window loads it: probe,
 * decide (certificate-pinning.ts), then pin, ask the operator, or refuse. Side effects are injected.
 */
import { decideOnConnect } from './certificate-pinning';
import type { GatewayProbe } from './gateway-probe';
import type { Logger } from './logger';

export type TrustOutcome = 'trusted' | 'unreachable' | 'declined' | 'mismatch';

export interface GatewayTrustDeps {
  probe: GatewayProbe;
  pinned(origin: string): string | null;
  pin(origin: string, fingerprint: string): void;
  /** Shows the fingerprint to the operator for a remote gateway; true = trust it. */
  confirmFirstUse(origin: string, fingerprint: string): Promise<boolean>;
  reportMismatch(origin: string, pinned: string, presented: string): Promise<void>;
  log: Logger;
}

export async function ensureGatewayTrust(origin: string, deps: GatewayTrustDeps): Promise<TrustOutcome> {
  const probed = await deps.probe(origin);
  if (origin.startsWith('https:') && probed.certificate === null) {
    deps.log.warn('gateway: unreachable, certificate not checked yet', { origin, problem: probed.problem });
    return 'unreachable';
  }
  const decision = decideOnConnect({ origin, certificate: probed.certificate, pinned: deps.pinned(origin) });
  switch (decision.action) {
    case 'proceed':
      deps.log.info('gateway: trusted', { origin, reason: decision.reason });
      return probed.healthy || decision.reason !== 'plain-http' ? 'trusted' : 'unreachable';
    case 'pin':
      if (decision.confirm && !(await deps.confirmFirstUse(origin, decision.fingerprint))) {
        deps.log.warn('gateway: operator declined the certificate', { origin, fingerprint: decision.fingerprint });
        return 'declined';
      }
      deps.pin(origin, decision.fingerprint);
      deps.log.info('gateway: certificate pinned (trust on first use)', { origin, fingerprint: decision.fingerprint });
      return 'trusted';
    case 'refuse':
      deps.log.error('gateway: certificate does not match the pinned one', { origin, pinned: decision.pinned, presented: decision.presented });
      await deps.reportMismatch(origin, decision.pinned, decision.presented);
      return 'mismatch';
  }
}
