import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from './logger';
import { defaultSettings, settingsSchema } from './schemas';
import { openSettingsStore, SettingsValidationError, writeFileAtomic, type FsLike } from './settings-store';

const FP = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-settings-'));
  file = join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings validation', () => {
  it('accepts the defaults and a full valid file', () => {
    expect(settingsSchema.safeParse(defaultSettings()).success).toBe(true);
    const full = {
      ...defaultSettings(),
      gatewayUrl: 'https://10.1.2.3:8443',
      certificatePins: { 'https://10.1.2.3:8443': FP },
      wall: { assignments: [{ displayKey: '1920,0,1920x1080', layoutId: 'county-overview', allowOnOperatorDisplay: false }], openOnStart: true },
      operatorDisplayKey: '0,0,1920x1080',
    };
    expect(settingsSchema.parse(full)).toEqual(full);
  });

  it.each([
    ['plain http to another computer', { gatewayUrl: 'http://10.1.2.3:8080' }],
    ['a gateway URL with a path', { gatewayUrl: 'https://10.1.2.3:8443/console' }],
    ['a gateway URL that is not normalised', { gatewayUrl: 'https://GATEWAY.example:443' }],
    ['a malformed fingerprint', { certificatePins: { 'https://10.1.2.3:8443': 'abc' } }],
    ['a pin for a non-origin', { certificatePins: { 'gateway-1': FP } }],
    ['a layout id that would break the URL', { wall: { assignments: [{ displayKey: '0,0,1x1', layoutId: '../x?y' }], openOnStart: false } }],
    ['a malformed display key', { wall: { assignments: [{ displayKey: 'HDMI-1', layoutId: 'a' }], openOnStart: false } }],
    ['an unknown field', { extra: 1 }],
    ['another version', { version: 2 }],
  ])('rejects %s', (_name, patch) => {
    expect(settingsSchema.safeParse({ ...defaultSettings(), ...patch }).success).toBe(false);
  });
});

describe('settings store', () => {
  it('starts from defaults when there is no file, and writes nothing until changed', () => {
    const store = openSettingsStore(file, silentLogger);
    expect(store.get()).toEqual(defaultSettings());
    expect(readdirSync(dir)).toEqual([]);
  });

  it('persists an update as valid JSON and reads it back in a new store', () => {
    const store = openSettingsStore(file, silentLogger);
    store.update((s) => ({ ...s, gatewayUrl: 'https://127.0.0.1:8443' }));
    expect(JSON.parse(readFileSync(file, 'utf8')).gatewayUrl).toBe('https://127.0.0.1:8443');
    expect(openSettingsStore(file, silentLogger).get().gatewayUrl).toBe('https://127.0.0.1:8443');
    expect(readdirSync(dir)).toEqual(['settings.json']); // no temp file left behind
  });

  it('refuses an invalid update and keeps the previous file and state', () => {
    const store = openSettingsStore(file, silentLogger);
    store.update((s) => ({ ...s, gatewayUrl: 'https://127.0.0.1:8443' }));
    const before = readFileSync(file, 'utf8');
    expect(() => store.update((s) => ({ ...s, gatewayUrl: 'ftp://x' }))).toThrow(SettingsValidationError);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(store.get().gatewayUrl).toBe('https://127.0.0.1:8443');
  });

  it('hands out copies: mutating a returned object changes nothing', () => {
    const store = openSettingsStore(file, silentLogger);
    store.get().wall.assignments.push({ displayKey: '0,0,1x1', layoutId: 'x' });
    expect(store.get().wall.assignments).toEqual([]);
  });

  it('keeps a corrupt file aside and starts from defaults', () => {
    writeFileSync(file, '{"version":1,"gatewayUrl":');
    const store = openSettingsStore(file, silentLogger);
    expect(store.get()).toEqual(defaultSettings());
    const names = readdirSync(dir);
    expect(names.some((n) => n.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(names).not.toContain('settings.json');
  });

  it('keeps a schema-invalid file aside too', () => {
    writeFileSync(file, JSON.stringify({ ...defaultSettings(), gatewayUrl: 'http://203.0.113.9' }));
    expect(openSettingsStore(file, silentLogger).get().gatewayUrl).toBeNull();
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file in one step', () => {
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('leaves the old file intact and no temp file when the write fails half-way', () => {
    writeFileSync(file, 'old');
    const failingRename: FsLike = {
      ...fs,
      renameSync: () => {
        throw Object.assign(new Error('EIO: simulated power cut'), { code: 'EIO' });
      },
    };
    expect(() => writeFileAtomic(file, 'new', failingRename)).toThrow('EIO');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('creates the directory on first use', () => {
    const nested = join(dir, 'a', 'b', 'settings.json');
    writeFileAtomic(nested, '{}');
    expect(readFileSync(nested, 'utf8')).toBe('{}');
  });
});
