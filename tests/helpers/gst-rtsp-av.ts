// Starts tests/helpers/gst-rtsp-av.py: a GStreamer RTSP server (third-party, not our simulator) serving H.264 with
// G.711 A-law, µ-law, AAC or no audio. Needs Debian's python3-gi, gir1.2-gst-rtsp-server-1.0 and
// gstreamer1.0-plugins-{base,good,bad,ugly}; `gstAvAvailable()` says whether they are installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./gst-rtsp-av.py', import.meta.url));

export type GstAvPath = 'pcma' | 'pcmu' | 'aac' | 'video';

export interface GstAvServer {
  port: number;
  url(path: GstAvPath): string;
  close(): Promise<void>;
}

/** True when the GStreamer RTSP server and the elements the script uses can be loaded. */
export function gstAvAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  const check = spawnSync(PYTHON, [
    '-c',
    "import gi; gi.require_version('Gst','1.0'); gi.require_version('GstRtspServer','1.0'); from gi.repository import Gst, GstRtspServer; Gst.init(None); " +
      "import sys; sys.exit(0 if all(Gst.ElementFactory.find(e) for e in ['x264enc','alawenc','mulawenc','voaacenc','rtppcmapay','rtpmp4gpay']) else 1)",
  ]);
  return check.status === 0;
}

export function startGstAvServer(): Promise<GstAvServer> {
  const child = spawn(PYTHON, [SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`gst-rtsp-av.py did not start: ${stderr}`)), 10_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.once('exit', (code) => fail(new Error(`gst-rtsp-av.py exited (${code}): ${stderr}`)));
    child.stdout.on('data', (d: Buffer) => {
      const port = Number(/PORT (\d+)/.exec(d.toString())?.[1]);
      if (!port) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        port,
        url: (path) => `rtsp://127.0.0.1:${port}/${path}`,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
