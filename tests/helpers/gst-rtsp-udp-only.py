#!/usr/bin/python3
"""A third-party RTSP camera that serves RTP over UDP only (GStreamer's RTSP server, as Debian ships it).

A TCP-interleaved SETUP is answered `461 Unsupported Transport`, as UDP-only cameras do. One H.264 test pattern
(320x240, 10 fps, 1 s GOP) at rtsp://127.0.0.1:<port>/stream (also /b and /c); the bound port is printed as `PORT <n>` on stdout.
Usage: gst-rtsp-udp-only.py [port]   (0 or nothing: any free port). Runs until killed.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(sys.argv[1] if len(sys.argv) > 1 else "0")
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=10/1 "
    "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=10 sliced-threads=false "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)
factory.set_shared(True)
factory.set_protocols(GstRtsp.RTSPLowerTrans.UDP)
for path in ("/stream", "/b", "/c"):  # a few paths, so tests can register several cameras on one server
    server.get_mount_points().add_factory(path, factory)
server.attach(None)
print(f"PORT {server.get_bound_port()}", flush=True)
GLib.MainLoop().run()
