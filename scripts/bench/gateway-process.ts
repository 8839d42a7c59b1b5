import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GatewayProcess {
  url: string;
  pid: number;
  token: string;
  dataDir: string;
  /** The admin password: pass it back (`opts.password`) to restart on the same data dir. */
  password: string;
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hooks, no checkpoint (a power cut as far as the database can tell). */
  kill9(): Promise<void>;
}

/** The gateway as its own process, so its CPU and memory are measured apart from the simulator and the client. */
export async function startGatewayProcess(config: Record<string, unknown>, opts: { dataDir?: string; password?: string } = {}): Promise<GatewayProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cvg-bench-'));
  const configFile = join(dataDir, 'gateway.json');
  // Benchmarks register the simulated fleet (loopback 127.1.X.Y) through the API.
  const cameras = { allowedNetworks: ['127.0.0.0/8'], ...(config.cameras as Record<string, unknown> | undefined) };
  writeFileSync(configFile, JSON.stringify({ ...config, cameras }));
  const password = opts.password ?? `bench-${Date.now()}-pw`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'media-gateway/src/main.ts', '--http1', '--port', '0', '--data-dir', dataDir, '--config', configFile, '--log-level', 'warn'],
    { env: { ...process.env, ADMIN_PASSWORD: password }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!(url = /Gateway ready: (\S+)/.exec(out)?.[1])) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`gateway did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = url;
  const signal = (sig: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(sig);
    });
  let token = '';
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  token = (await api<{ token: string }>('POST', '/api/v1/session', { username: 'admin', password })).token;
  return {
    url: base,
    pid: child.pid!,
    token,
    dataDir,
    password,
    api,
    stop: () => signal('SIGTERM'),
    kill9: () => signal('SIGKILL'),
  };
}
