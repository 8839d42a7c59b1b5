import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A real third-party RTSP camera for tests: GStreamer's RTSP server (Debian: gir1.2-gst-rtsp-server-1.0,
 * gstreamer1.0-plugins-{base,good,ugly}, python3-gi) serving RTP over UDP only, as UDP-only cameras do (a TCP SETUP
 * is answered 461). Run with Debian's /usr/bin/python3 (the one with `gi`).
 */
export interface GstCamera {
  port: number;
  /** rtsp://127.0.0.1:<port>/stream */
  url: string;
  close(): Promise<void>;
}

export function startUdpOnlyCamera(timeoutMs = 10_000): Promise<GstCamera> {
  const child = spawn('/usr/bin/python3', [fileURLToPath(new URL('./gst-rtsp-udp-only.py', import.meta.url))], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`GStreamer RTSP server did not start (are its Debian packages installed? see scripts/setup.sh): ${stderr}`));
    }, timeoutMs);
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const port = /PORT (\d+)/.exec(out)?.[1];
      if (!port) return;
      clearTimeout(timer);
      resolve({ port: Number(port), url: `rtsp://127.0.0.1:${port}/stream`, close });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`GStreamer RTSP server exited (${code}): ${stderr}`));
    });
  });
}

/** A camera that accepts TCP connections and never answers anything. */
export async function startSilentCamera(): Promise<{ port: number; url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `rtsp://127.0.0.1:${port}/live`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
