import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayOverridesFromFlags } from './cli-flags';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults, then file, then env, then overrides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvg-cfg-'));
    const file = join(dir, 'gw.json');
    writeFileSync(file, JSON.stringify({ port: 9000, streams: { idleStopSec: 10 } }));
    const c = loadConfig({ file, env: { GATEWAY_IDLE_STOP_SEC: '12', HOME: dir }, overrides: { dataDir: dir } });
    expect(c.port).toBe(9000);
    expect(c.streams.idleStopSec).toBe(12);
    expect(c.streams.stallTimeoutSec).toBe(10);
    expect(c.dataDir).toBe(dir);
    expect(c.auth.hlsTokenTtlSec).toBe(300);
  });
  it('names the bad key', () => {
    expect(() => loadConfig({ env: { GATEWAY_PORT: 'abc' } })).toThrow(/port/);
    expect(() => loadConfig({ env: {}, overrides: { streams: { idleStopSec: -1 } } })).toThrow(/streams\.idleStopSec/);
    expect(() => loadConfig({ env: {}, overrides: { bogus: 1 } })).toThrow(ConfigError);
  });
  it('rejects a broken config file clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvg-cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(() => loadConfig({ file, env: {} })).toThrow(/cannot read config file/);
  });
});

describe('gateway flags', () => {
  it('maps flags and validates the port', () => {
    expect(gatewayOverridesFromFlags({ http1: true })).toEqual({ http1: true, port: 8080 });
    expect(gatewayOverridesFromFlags({ port: '0', 'data-dir': '/tmp/x' })).toEqual({ port: 0, dataDir: '/tmp/x' });
    expect(() => gatewayOverridesFromFlags({ port: '99999' })).toThrow(/--port/);
  });
});
