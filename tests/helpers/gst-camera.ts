import { createServer } from 'node:net';
import { startGstScript } from './gst-process';

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

export async function startGstCamera(opts: { size: string; fps: number; kbps: number } | { files: Record<string, string> }): Promise<GstCamera> {
  const port = await freePort();
  const mode = 'files' in opts ? ['files', ...Object.entries(opts.files).map(([mount, path]) => `${mount}=${path}`)] : [opts.size, String(opts.fps), String(opts.kbps)];
  const gst = await startGstScript('gst-rtsp-camera.py', [String(port), ...mode], { knownPort: port });
  return {
    port,
    h265Urls: [`rtsp://127.0.0.1:${port}/h265`, `rtsp://127.0.0.1:${port}/h265b`],
    url: (mount) => `rtsp://127.0.0.1:${port}${mount}`,
    close: gst.close,
  };
}
