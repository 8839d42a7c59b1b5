// Starts tests/helpers/gst-rtsp-av.py: a GStreamer RTSP server (third-party, not our simulator) serving H.264 with
// G.711 A-law, µ-law, AAC or no audio. Needs Debian's python3-gi, gir1.2-gst-rtsp-server-1.0 and
// gstreamer1.0-plugins-{base,good,bad,ugly}; `gstAvAvailable()` says whether they are installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GST_PYTHON as PYTHON, startGstScript } from './gst-process';

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

export async function startGstAvServer(): Promise<GstAvServer> {
  const { port, close } = await startGstScript('gst-rtsp-av.py', []);
  return { port, url: (path) => `rtsp://127.0.0.1:${port}/${path}`, close };
}
