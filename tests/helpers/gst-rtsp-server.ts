import { createServer, type Server, type Socket } from 'node:net';
import { startGstScript } from './gst-process';

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

export async function startUdpOnlyCamera(timeoutMs = 10_000): Promise<GstCamera> {
  const { port, close } = await startGstScript('gst-rtsp-udp-only.py', [], { timeoutMs });
  return { port, url: `rtsp://127.0.0.1:${port}/stream`, close };
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
