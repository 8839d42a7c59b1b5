// One way to run the GStreamer RTSP server scripts in tests/helpers (gst-*.py): cameras this project did not write.
// Debian's /usr/bin/python3 has the `gi` module; another python3 on PATH may not (MACHINE-NOTES). The packages are
// installed by scripts/setup.sh.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const GST_PYTHON = '/usr/bin/python3';

export interface GstProcess {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts tests/helpers/<script> and resolves once it is serving: the script prints `PORT <n>` (it chose the port) or
 * `ready` (it was given `knownPort`). Rejects with the script's stderr when it exits or does not start in time.
 */
export function startGstScript(script: string, args: readonly string[], opts: { knownPort?: number; timeoutMs?: number } = {}): Promise<GstProcess> {
  const child = spawn(GST_PYTHON, [fileURLToPath(new URL(`./${script}`, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`${script} did not start (are its Debian packages installed? see scripts/setup.sh): ${stderr}`)), opts.timeoutMs ?? 10_000);
    child.once('exit', (code) => fail(new Error(`${script} exited (${code}): ${stderr}`)));
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const port = Number(/PORT (\d+)/.exec(out)?.[1]) || (out.includes('ready') ? opts.knownPort : undefined);
      if (!port) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ port, close });
    });
  });
}
