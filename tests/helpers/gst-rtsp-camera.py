#!/usr/bin/python3
"""A camera this project did not write: GStreamer's RTSP server encoding H.265 live (x265), one shared encoder per
path, parameter sets in the SDP (sprop-vps/sps/pps) and in-band before each keyframe, as Hikvision/Dahua send them.

usage: gst-rtsp-camera.py PORT WIDTHxHEIGHT FPS KBPS   (prints "ready" once listening; paths /h265 and /h265b)
Debian packages: gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-{base,good,bad,ugly}.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

port, size, fps, kbps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
width, height = size.split("x")
Gst.init(None)
source = (
    f"videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate={fps}/1 "
    "! "
)
h265 = (
    f"( {source} x265enc speed-preset=ultrafast tune=zerolatency bitrate={kbps} key-int-max={fps * 2} "
    f"! video/x-h265,profile=main ! h265parse config-interval=-1 ! rtph265pay name=pay0 pt=96 config-interval=-1 )"
)
# Two cameras (each its own encoder): /h265 and /h265b.
launch = {"/h265": h265, "/h265b": h265}
server = GstRtspServer.RTSPServer()
server.set_service(port)
mounts = server.get_mount_points()
for path, pipeline in launch.items():
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(pipeline)
    factory.set_shared(True)
    mounts.add_factory(path, factory)
server.attach(None)
print("ready", flush=True)
GLib.MainLoop().run()
