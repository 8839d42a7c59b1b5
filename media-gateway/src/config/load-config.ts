import { readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { configSchema, type GatewayConfig } from './config-schema';

export class ConfigError extends Error {}

/** Where user data lives by default: the platform's per-user data directory. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (platform() === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'county-video-gateway');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Application Support', 'county-video-gateway');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'county-video-gateway');
}

const ENV_KEYS: Record<string, (v: string) => [string[], unknown]> = {
  GATEWAY_DATA_DIR: (v) => [['dataDir'], v],
  GATEWAY_HOST: (v) => [['host'], v],
  GATEWAY_PORT: (v) => [['port'], Number(v)],
  GATEWAY_HTTP1: (v) => [['http1'], v === '1' || v === 'true'],
  GATEWAY_LOG_LEVEL: (v) => [['logLevel'], v],
  GATEWAY_RENDERER_DIR: (v) => [['rendererDir'], v],
  GATEWAY_FFMPEG: (v) => [['streams', 'ffmpegPath'], v],
  GATEWAY_IDLE_STOP_SEC: (v) => [['streams', 'idleStopSec'], Number(v)],
  GATEWAY_STALL_TIMEOUT_SEC: (v) => [['streams', 'stallTimeoutSec'], Number(v)],
  GATEWAY_HLS_TOKEN_TTL_SEC: (v) => [['auth', 'hlsTokenTtlSec'], Number(v)],
};

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
        ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export interface LoadConfigOptions {
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  overrides?: Record<string, unknown>;
}

export function loadConfig(opts: LoadConfigOptions = {}): GatewayConfig {
  const env = opts.env ?? process.env;
  let merged: Record<string, unknown> = { dataDir: defaultDataDir(env) };
  const file = opts.file ?? env.GATEWAY_CONFIG;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null) throw new ConfigError(`config file ${file} must hold a JSON object`);
    merged = deepMerge(merged, parsed as Record<string, unknown>);
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, map] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') {
      const [path, value] = map(raw);
      setPath(fromEnv, path, value);
    }
  }
  merged = deepMerge(merged, fromEnv);
  merged = deepMerge(merged, opts.overrides ?? {});
  const result = configSchema.safeParse(merged);
  if (!result.success) throw new ConfigError(`invalid configuration: ${formatZodIssues(result.error)}`);
  return result.data;
}

export function formatZodIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
