"""A third-party RTSP camera with audio, for tests: GStreamer's RTSP server (not our simulator) serving a live test
pattern (H.264, 320x180, 25 fps, keyframe every second, no B-frames) with a 1 kHz tone, the way Hikvision/Dahua
cameras send it: /pcma (G.711 A-law, 8 kHz mono, RTP PT 8), /pcmu (G.711 µ-law, PT 0), /aac (AAC-LC 16 kHz mono,
RFC 3640 mpeg4-generic)) and /video (no audio track). Prints "PORT <n>" once listening; runs until killed.

Run with /usr/bin/python3 (needs python3-gi and gir1.2-gst-rtsp-server-1.0; see tests/helpers/gst-rtsp-av.ts).
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

# sliced-threads off: with it, zerolatency x264 gives keyframes duplicate DTS (see /work/shared/MACHINE-NOTES.md).
VIDEO = (
    "videotestsrc is-live=true pattern=smpte ! video/x-raw,width=320,height=180,framerate=25/1 ! "
    "x264enc tune=zerolatency sliced-threads=false threads=1 speed-preset=ultrafast key-int-max=25 bframes=0 "
    "! video/x-h264,profile=main ! rtph264pay name=pay0 pt=96 config-interval=-1"
)


def tone(rate):
    return f"audiotestsrc is-live=true wave=sine freq=1000 volume=0.3 ! audio/x-raw,rate={rate},channels=1 ! "


PATHS = {
    "/video": VIDEO,
    "/pcma": VIDEO + " " + tone(8000) + "alawenc ! rtppcmapay name=pay1 pt=8",
    "/pcmu": VIDEO + " " + tone(8000) + "mulawenc ! rtppcmupay name=pay1 pt=0",
    "/aac": VIDEO + " " + tone(16000) + "voaacenc bitrate=32000 ! aacparse ! rtpmp4gpay name=pay1 pt=97",
}


def main():
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service("0")
    mounts = server.get_mount_points()
    for path, launch in PATHS.items():
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(f"( {launch} )")
        factory.set_shared(True)
        mounts.add_factory(path, factory)
    server.attach(None)
    print(f"PORT {server.get_bound_port()}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    sys.exit(main())
