import { describe, expect, it, vi } from 'vitest';
import { argvWithoutGatewaySwitch, createSetupSession, GatewayAddressError, gatewaySwitch, resolveGatewayAddress, type GatewayAddressDeps } from './gateway-address';
import type { GatewayProbeResult } from './gateway-probe';
import { isLoopbackHost, parseGatewayUrl } from './gateway-url';
import { silentLogger } from './logger';

const healthy: GatewayProbeResult = { healthy: true, certificate: null, problem: null };
const down: GatewayProbeResult = { healthy: false, certificate: null, problem: 'connect ECONNREFUSED' };

describe('parseGatewayUrl', () => {
  it.each([
    ['https://10.20.0.5:8443', 'https://10.20.0.5:8443'],
    ['https://10.20.0.5:8443/', 'https://10.20.0.5:8443'],
    ['  https://GW.County.example  ', 'https://gw.county.example'],
    ['gw.county.example:8443', 'https://gw.county.example:8443'],
    ['https://gw.county.example:443', 'https://gw.county.example'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['https://[::1]:8443', 'https://[::1]:8443'],
  ])('%s → %s', (input, origin) => {
    expect(parseGatewayUrl(input)).toEqual({ ok: true, origin });
  });

  it.each(['', 'http://10.20.0.5:8080', 'ftp://10.20.0.5', 'https://u:p@10.20.0.5', 'https://10.20.0.5/console', 'https://10.20.0.5/?a=1', 'https://10.20.0.5/#x', 'javascript:alert(1)', 'https://'])(
    'rejects %j',
    (input) => {
      expect(parseGatewayUrl(input).ok).toBe(false);
    },
  );

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'localhost.evil.example', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});

describe('command line', () => {
  it('reads --gateway=URL and --gateway URL, and can drop it for a relaunch', () => {
    expect(gatewaySwitch(['main.js', '--gateway=https://10.0.0.1:8443'])).toBe('https://10.0.0.1:8443');
    expect(gatewaySwitch(['main.js', '--gateway', 'https://10.0.0.1:8443'])).toBe('https://10.0.0.1:8443');
    expect(gatewaySwitch(['main.js'])).toBeUndefined();
    expect(argvWithoutGatewaySwitch(['main.js', '--gateway', 'x', '--user-data-dir=/d', '--gateway=y'])).toEqual(['main.js', '--user-data-dir=/d']);
  });
});

function deps(overrides: Partial<GatewayAddressDeps>): GatewayAddressDeps & { saved: string | null; save: ReturnType<typeof vi.fn> } {
  return { argv: [], saved: null, save: vi.fn(), probe: vi.fn(async () => down), askOperator: vi.fn(async () => null), log: silentLogger, ...overrides } as never;
}

describe('resolveGatewayAddress', () => {
  it('uses --gateway first and saves it only when nothing is saved yet', async () => {
    const first = deps({ argv: ['--gateway=https://10.0.0.1:8443/'] });
    expect(await resolveGatewayAddress(first)).toEqual({ origin: 'https://10.0.0.1:8443', source: 'command-line' });
    expect(first.save).toHaveBeenCalledWith('https://10.0.0.1:8443');
    const later = deps({ argv: ['--gateway=https://10.0.0.2:8443'], saved: 'https://10.0.0.1:8443' });
    expect(await resolveGatewayAddress(later)).toEqual({ origin: 'https://10.0.0.2:8443', source: 'command-line' });
    expect(later.save).not.toHaveBeenCalled();
  });

  it('fails loudly on an invalid --gateway instead of guessing', async () => {
    await expect(resolveGatewayAddress(deps({ argv: ['--gateway=http://10.0.0.1'] }))).rejects.toThrow(GatewayAddressError);
  });

  it('uses the saved address without probing', async () => {
    const d = deps({ saved: 'https://10.0.0.1:8443' });
    expect(await resolveGatewayAddress(d)).toEqual({ origin: 'https://10.0.0.1:8443', source: 'settings' });
    expect(d.probe).not.toHaveBeenCalled();
  });

  it('first start: probes https://127.0.0.1:8443 then http://127.0.0.1:8080 and saves the first that answers', async () => {
    const probe = vi.fn(async (origin: string) => (origin === 'http://127.0.0.1:8080' ? healthy : down));
    const d = deps({ probe });
    expect(await resolveGatewayAddress(d)).toEqual({ origin: 'http://127.0.0.1:8080', source: 'probe' });
    expect(probe.mock.calls.map((c) => c[0])).toEqual(['https://127.0.0.1:8443', 'http://127.0.0.1:8080']);
    expect(d.save).toHaveBeenCalledWith('http://127.0.0.1:8080');
  });

  it('first start with nothing local: asks the operator and saves the answer; null if they close the page', async () => {
    const asked = deps({ askOperator: vi.fn(async () => 'https://10.20.0.5:8443') });
    expect(await resolveGatewayAddress(asked)).toEqual({ origin: 'https://10.20.0.5:8443', source: 'setup' });
    expect(asked.save).toHaveBeenCalledWith('https://10.20.0.5:8443');
    expect(await resolveGatewayAddress(deps({}))).toBeNull();
  });
});

describe('setup session', () => {
  it('reports invalid and unreachable addresses to the page and finishes on a healthy one', async () => {
    const probe = vi.fn(async (origin: string) => (origin === 'https://10.20.0.5:8443' ? healthy : down));
    const session = createSetupSession(probe);
    expect(await session.submit('http://10.20.0.5')).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(await session.submit('https://10.20.0.6:8443')).toEqual({ ok: false, reason: 'unreachable', message: 'connect ECONNREFUSED' });
    expect(await session.submit('10.20.0.5:8443')).toEqual({ ok: true, restarting: false });
    expect(await session.result).toBe('https://10.20.0.5:8443');
    expect(await session.submit('https://10.20.0.5:8443')).toMatchObject({ ok: false, reason: 'cancelled' });
  });

  it('resolves null when the window is closed', async () => {
    const session = createSetupSession(async () => healthy);
    session.cancel();
    expect(await session.result).toBeNull();
  });
});
