/**
 * Which gateway this console talks to. In order: the `--gateway=URL` switch (used for this run; saved only when
 * nothing is saved yet), the saved address, a gateway answering on this computer's defaults
 * (https://127.0.0.1:8443, then http://127.0.0.1:8080), and finally the local setup page asking the operator.
 * Probed and asked-for addresses are saved. The window and the probe are injected; see setup-window.ts.
 */
import type { SetGatewayResult } from '../../../contracts/src/desktop-ipc';
import type { GatewayProbe } from './gateway-probe';
import { parseGatewayUrl } from './gateway-url';
import type { Logger } from './logger';

export const DEFAULT_GATEWAY_CANDIDATES = ['https://127.0.0.1:8443', 'http://127.0.0.1:8080'] as const;

export type GatewaySource = 'command-line' | 'settings' | 'probe' | 'setup';

/** `--gateway=URL` or `--gateway URL`; undefined when absent. */
export function gatewaySwitch(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--gateway=')) return arg.slice('--gateway='.length);
    if (arg === '--gateway' && i + 1 < argv.length) return argv[i + 1];
  }
  return undefined;
}

/** The same command line without the gateway switch (for a relaunch after the operator switched gateways). */
export function argvWithoutGatewaySwitch(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i]!.startsWith('--gateway=')) continue;
    if (argv[i] === '--gateway') {
      i++;
      continue;
    }
    out.push(argv[i]!);
  }
  return out;
}

export interface GatewayAddressDeps {
  argv: readonly string[];
  saved: string | null;
  save(origin: string): void;
  probe: GatewayProbe;
  /** Shows the setup page; resolves with the address the operator entered, null if they closed it. */
  askOperator(): Promise<string | null>;
  log: Logger;
}

export class GatewayAddressError extends Error {}

export async function resolveGatewayAddress(deps: GatewayAddressDeps): Promise<{ origin: string; source: GatewaySource } | null> {
  const fromSwitch = gatewaySwitch(deps.argv);
  if (fromSwitch !== undefined) {
    const parsed = parseGatewayUrl(fromSwitch);
    if (!parsed.ok) throw new GatewayAddressError(`--gateway=${fromSwitch}: ${parsed.message}`);
    if (deps.saved === null) deps.save(parsed.origin);
    return { origin: parsed.origin, source: 'command-line' };
  }
  if (deps.saved !== null) return { origin: deps.saved, source: 'settings' };
  for (const candidate of DEFAULT_GATEWAY_CANDIDATES) {
    const result = await deps.probe(candidate);
    if (result.healthy) {
      deps.log.info('gateway: found on this computer', { origin: candidate });
      deps.save(candidate);
      return { origin: candidate, source: 'probe' };
    }
  }
  const asked = await deps.askOperator();
  if (asked === null) return null;
  deps.save(asked);
  return { origin: asked, source: 'setup' };
}

/**
 * One run of the setup page: `submit` (from the page, through IPC) validates and probes an address and, when the
 * gateway answers, resolves `result`; the page shows any other answer and lets the operator try again.
 */
export interface SetupSession {
  readonly result: Promise<string | null>;
  submit(url: string): Promise<SetGatewayResult>;
  cancel(): void;
}

export function createSetupSession(probe: GatewayProbe): SetupSession {
  let finish!: (origin: string | null) => void;
  let finished = false;
  const result = new Promise<string | null>((resolve) => {
    finish = (origin) => {
      if (finished) return;
      finished = true;
      resolve(origin);
    };
  });
  return {
    result,
    async submit(url) {
      if (finished) return { ok: false, reason: 'cancelled', message: 'setup already finished' };
      const parsed = parseGatewayUrl(url);
      if (!parsed.ok) return { ok: false, reason: 'invalid-url', message: parsed.message };
      const probed = await probe(parsed.origin);
      if (!probed.healthy) return { ok: false, reason: 'unreachable', message: probed.problem ?? 'no answer' };
      finish(parsed.origin);
      return { ok: true, restarting: false };
    },
    cancel: () => finish(null),
  };
}
