import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface VirtualDisplay {
  /** Value for DISPLAY, or null when the existing display is used. */
  display: string | null;
  stop(): void;
}

/**
 * Electron needs a display. On a Linux CI box without one, start Xvfb (installed by `npm run setup`) on a free
 * display number (-displayfd) for the duration of the test; elsewhere use what is there.
 */
export async function ensureDisplay(): Promise<VirtualDisplay> {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return { display: null, stop() {} };
  if (!existsSync('/usr/bin/Xvfb')) throw new Error('no DISPLAY and no /usr/bin/Xvfb: run npm run setup (apt-get install xvfb) or run under xvfb-run');
  const xvfb: ChildProcess = spawn('/usr/bin/Xvfb', ['-displayfd', '1', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000);
    xvfb.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code})`));
    });
  });
  return {
    display: `:${number}`,
    stop: () => {
      if (xvfb.exitCode === null) xvfb.kill('SIGTERM');
    },
  };
}
