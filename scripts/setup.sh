#!/usr/bin/env bash
# Installs everything a fresh machine needs: Debian packages (ffmpeg, chromium, xvfb) when missing, then the npm
# dependencies. Idempotent. Used by both README commands and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || need_pkgs+=(ffmpeg)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
command -v Xvfb >/dev/null 2>&1 || need_pkgs+=(xvfb)
fc-list 2>/dev/null | grep -qi "noto.*cjk\|wqy\|droid sans fallback" || need_pkgs+=(fonts-wqy-microhei)
# GStreamer's RTSP server as a third-party camera in integration tests (UDP-only, H.265, audio: tests/helpers/gst-*),
# driven by Debian's /usr/bin/python3. ~20 s to install on a machine that has python3-gi.
/usr/bin/python3 -c 'import gi; gi.require_version("GstRtspServer", "1.0"); from gi.repository import GstRtspServer; gi.require_version("Gst", "1.0"); from gi.repository import Gst; Gst.init(None); assert all(Gst.ElementFactory.find(e) for e in ("videotestsrc", "x264enc", "rtph264pay", "x265enc", "h265parse", "rtph265pay"))' >/dev/null 2>&1 ||
  need_pkgs+=(python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${need_pkgs[*]}" >&2
    echo "setup: install them with: sudo apt-get install -y ${need_pkgs[*]}" >&2
    # ffmpeg is required to run anything; the browser packages only for browser tests.
    if [[ " ${need_pkgs[*]} " == *" ffmpeg "* ]]; then exit 1; fi
  fi
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found $(node --version))" >&2
  exit 1
fi

# The Electron binary download is not reachable everywhere; the desktop shell is optional at run time.
export ELECTRON_SKIP_BINARY_DOWNLOAD=${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}
# better-sqlite3 compiles from source on every fresh install (no prebuilt binary is reachable): use every core.
export npm_config_jobs=${npm_config_jobs:-max}
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
# The simulator's clips for the fleet `npm start` runs (8 cameras; SIM_PREWARM_CAMERAS=880 for the whole demo county,
# ~2 s a camera on 2 cores): with a cold cache the first health checks time out behind ffmpeg. The cache persists.
if [ "${SIM_PREWARM_CAMERAS:-8}" != "0" ]; then
  npx tsx scripts/sim/prewarm.ts "${SIM_PREWARM_CAMERAS:-8}" | tail -n 1 || echo "setup: warning: clips not prewarmed; they encode on first use"
fi
echo "setup: done"
