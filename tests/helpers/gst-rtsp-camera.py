#!/usr/bin/python3
"""A camera this project did not write: GStreamer's RTSP server encoding H.265 live (x265), one shared encoder per
path, parameter sets in the SDP (sprop-vps/sps/pps) and in-band before each keyframe, as Hikvision/Dahua send them.

usage: gst-rtsp-camera.py PORT WIDTHxHEIGHT FPS KBPS    live x265, paths /h265 and /h265b
       gst-rtsp-camera.py PORT files /mount=clip.mp4 …  pre-encoded clips (a mount naming 265 is H.265, else H.264)
Prints "ready" once listening.
Debian packages: gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-{base,good,bad,ugly}.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

Gst.init(None)
port = sys.argv[1]
if sys.argv[2] == "files":
    # Pre-encoded clips, not re-encoded (benchmarks: the camera costs ~nothing); each client plays from the start.
    launch = {}
    for spec in sys.argv[3:]:
        mount, path = spec.split("=", 1)
        codec = "h265" if "265" in mount else "h264"
        launch[mount] = (
            f"( filesrc location={path} ! qtdemux ! {codec}parse config-interval=-1 "
            f"! rtp{codec}pay name=pay0 pt=96 config-interval=-1 )"
        )
    shared = False
else:
    size, fps, kbps = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    width, height = size.split("x")
    source = f"videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate={fps}/1 ! "
    h265 = (
        f"( {source} x265enc speed-preset=ultrafast tune=zerolatency bitrate={kbps} key-int-max={fps * 2} "
        f"! video/x-h265,profile=main ! h265parse config-interval=-1 ! rtph265pay name=pay0 pt=96 config-interval=-1 )"
    )
    # Two cameras (each its own encoder): /h265 and /h265b.
    launch = {"/h265": h265, "/h265b": h265}
    shared = True
server = GstRtspServer.RTSPServer()
server.set_service(port)
mounts = server.get_mount_points()
for path, pipeline in launch.items():
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(pipeline)
    factory.set_shared(shared)
    mounts.add_factory(path, factory)
server.attach(None)
print("ready", flush=True)
GLib.MainLoop().run()
