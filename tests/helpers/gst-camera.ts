import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./gst-rtsp-camera.py', import.meta.url));

/** A camera the project did not write: GStreamer's RTSP server encoding H.265 live (see gst-rtsp-camera.py). */
export interface GstCamera {
  port: number;
  /** rtsp://127.0.0.1:<port>/h265 and …/h265b: two cameras. */
  h265Urls: [string, string];
  /** rtsp://127.0.0.1:<port><mount> */
  url(mount: string): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Debian's /usr/bin/python3 has the `gi` module; another python3 on PATH may not (MACHINE-NOTES). */
export async function startGstCamera(opts: { size: string; fps: number; kbps: number } | { files: Record<string, string> }): Promise<GstCamera> {
  const port = await freePort();
  const mode = 'files' in opts ? ['files', ...Object.entries(opts.files).map(([mount, path]) => `${mount}=${path}`)] : [opts.size, String(opts.fps), String(opts.kbps)];
  const child: ChildProcess = spawn('/usr/bin/python3', [SCRIPT, String(port), ...mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()).slice(-2000));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gst camera did not start: ${stderr}`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gst camera exited (${code}): ${stderr}`));
    });
  });
  return {
    port,
    h265Urls: [`rtsp://127.0.0.1:${port}/h265`, `rtsp://127.0.0.1:${port}/h265b`],
    url: (mount) => `rtsp://127.0.0.1:${port}${mount}`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
