/**
 * Pure builder for the ingest command line, table-tested as exact arrays. ffmpeg is always spawned with an
 * argument array (never a shell); the input URL has been validated (rtsp/rtsps only, no leading '-', no
 * whitespace) before it gets here, and the protocol whitelist stops a hostile SDP from pulling in file:/concat:.
 *
 * The one other input is the gateway's own RTMP server (RTMP push cameras, see rtmp/): an rtmp:// URL on loopback
 * with an internal play token, read with its own whitelist (rtmp,tcp) and `-rw_timeout` (for rtmp, `-timeout`
 * would turn ffmpeg into a listening server; `-user_agent` does not exist there).
 */
export interface IngestArgsInput {
  /** rtsp:// or rtsps:// URL with credentials already inserted, or the internal rtmp://127.0.0.1:<port>/live/<id>?key=… pull. */
  inputUrl: string;
  /** Socket I/O timeout: an unreachable or silent camera makes ffmpeg exit instead of hanging. */
  ioTimeoutSec: number;
  /** H.265 does not play in Chromium's MSE: transcode to H.264 then; otherwise copy. */
  videoMode: 'copy' | 'transcode-h264';
  /** Fragment length for LL-HLS parts. */
  fragmentMs: number;
  /** Tags our children so orphans from a crashed gateway (same data dir) can be found at start. */
  userAgent: string;
}

export const RTSP_PROTOCOL_WHITELIST = 'rtsp,rtsps,tcp,tls';
export const RTMP_PROTOCOL_WHITELIST = 'rtmp,tcp';

/** Only the gateway's own RTMP server on loopback, one camera stream, one token: nothing else is an rtmp input. */
const INTERNAL_RTMP_URL = /^rtmp:\/\/(127\.0\.0\.1|\[::1\]):\d{1,5}\/live\/[A-Za-z0-9_-]{1,64}\?key=[A-Za-z0-9_-]{16,128}$/;

/**
 * RTSP probing kept minimal: the SDP already tells every stream's codec and parameters (sprop-parameter-sets,
 * rtpmap/fmtp for G.711 and AAC), so ffmpeg's defaults (2 s / 1 MB, plus ~20 frames for a frame-rate guess that
 * `-c copy` into fMP4 never uses) only delay the first fragment, by ≈ 1 s measured. 0.5 s / 32 KiB still
 * finds the audio parameters (checked with G.711 A-law and AAC cameras), and reads at least one whole frame.
 */
export const RTSP_PROBE_ARGS = ['-analyzeduration', '500000', '-probesize', '32768', '-fpsprobesize', '0'];
/** The internal RTMP pull keeps ffmpeg's defaults: FLV announces audio only when its first tag arrives. */
const RTMP_PROBE_ARGS = ['-analyzeduration', '2000000', '-probesize', '1000000'];

/** The input half of the command line: the protocol's own transport, timeout and whitelist, then `-i`. */
export function buildInputArgs(inputUrl: string, ioTimeoutSec: number, userAgent: string): string[] {
  const timeoutUs = String(Math.round(ioTimeoutSec * 1_000_000));
  if (/^rtsps?:\/\//.test(inputUrl)) {
    return ['-user_agent', userAgent, '-rtsp_transport', 'tcp', '-timeout', timeoutUs, '-protocol_whitelist', RTSP_PROTOCOL_WHITELIST, ...RTSP_PROBE_ARGS, '-i', inputUrl];
  }
  if (INTERNAL_RTMP_URL.test(inputUrl)) {
    // No -user_agent: ffmpeg's rtmp input has no such option and refuses to start with it. No orphan tag is
    // needed either: the server is inside the gateway, so a crashed gateway's pulls lose their socket and exit.
    return ['-rw_timeout', timeoutUs, '-protocol_whitelist', RTMP_PROTOCOL_WHITELIST, ...RTMP_PROBE_ARGS, '-i', inputUrl];
  }
  throw new Error('ingest input must be an rtsp:// or rtsps:// URL (or the internal rtmp://127.0.0.1 pull)');
}

export function buildIngestArgs(input: IngestArgsInput): string[] {
  const inputArgs = buildInputArgs(input.inputUrl, input.ioTimeoutSec, input.userAgent);
  const video =
    input.videoMode === 'copy'
      ? ['-c:v', 'copy']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-force_key_frames', 'expr:gte(t,n_forced*1)'];
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel', 'level+warning',
    ...inputArgs,
    '-map', '0:v:0',
    '-an', '-sn', '-dn',
    ...video,
    '-f', 'mp4',
    '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration', String(Math.round(input.fragmentMs * 1000)),
    'pipe:1',
  ];
}

/** Inserts credentials into a validated stream URL for ffmpeg's eyes only. */
export function withCredentials(streamUrl: string, username: string | null, password: string | null): string {
  if (!username) return streamUrl;
  const url = new URL(streamUrl);
  url.username = encodeURIComponent(username);
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}
