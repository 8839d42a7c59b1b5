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
  /** What to do with the camera's first audio track (if it has one); default `transcode-aac`. See audioArgs(). */
  audioMode?: AudioMode;
  /** Fragment length for LL-HLS parts. */
  fragmentMs: number;
  /** Tags our children so orphans from a crashed gateway (same data dir) can be found at start. */
  userAgent: string;
}

/**
 * `copy`: the camera sends AAC, which browsers decode: passed through untouched. `transcode-aac`: anything else
 * (G.711 A-law/µ-law at 8 kHz from most cameras) becomes AAC-LC. `none`: no audio track (its decoding failed).
 */
export type AudioMode = 'copy' | 'transcode-aac' | 'none';

/**
 * AAC-LC mono at 32 kbit/s (libavcodec's native encoder): G.711 carries 8 kHz speech, more bits buy nothing.
 * The encoder's first packet is 1024 samples of priming with a negative timestamp; in an fMP4 written before any
 * packet (empty_moov) ffmpeg can only keep it by stretching the first video frame (128 ms at 8 kHz: a 1 s GOP
 * then makes a 1.128 s first segment and TARGETDURATION 2), so the priming packet is dropped instead: audio then
 * starts at 0 like the video and the video timeline stays exactly as without audio.
 */
const AAC_ARGS = ['-c:a', 'aac', '-ac', '1', '-b:a', '32k', '-bsf:a', 'noise=drop=eq(n\\,0)'];

/**
 * Audio is optional (`0:a:0?`): a camera without audio, or with audio disabled, still plays video. Video is mapped
 * first, so in the fMP4 the audio is always the second track (output stream 0:1, see audio-failure.ts).
 */
export function audioArgs(mode: AudioMode): string[] {
  if (mode === 'none') return ['-an'];
  return ['-map', '0:a:0?', ...(mode === 'copy' ? ['-c:a', 'copy'] : AAC_ARGS)];
}

export const RTSP_PROTOCOL_WHITELIST = 'rtsp,rtsps,tcp,tls';
export const RTMP_PROTOCOL_WHITELIST = 'rtmp,tcp';

/** Only the gateway's own RTMP server on loopback, one camera stream, one token: nothing else is an rtmp input. */
const INTERNAL_RTMP_URL = /^rtmp:\/\/(127\.0\.0\.1|\[::1\]):\d{1,5}\/live\/[A-Za-z0-9_-]{1,64}\?key=[A-Za-z0-9_-]{16,128}$/;

/** The input half of the command line: the protocol's own transport, timeout and whitelist, then `-i`. */
export function buildInputArgs(inputUrl: string, ioTimeoutSec: number, userAgent: string): string[] {
  const timeoutUs = String(Math.round(ioTimeoutSec * 1_000_000));
  if (/^rtsps?:\/\//.test(inputUrl)) {
    return ['-user_agent', userAgent, '-rtsp_transport', 'tcp', '-timeout', timeoutUs, '-protocol_whitelist', RTSP_PROTOCOL_WHITELIST, '-analyzeduration', '2000000', '-probesize', '1000000', '-i', inputUrl];
  }
  if (INTERNAL_RTMP_URL.test(inputUrl)) {
    // No -user_agent: ffmpeg's rtmp input has no such option and refuses to start with it. No orphan tag is
    // needed either: the server is inside the gateway, so a crashed gateway's pulls lose their socket and exit.
    return ['-rw_timeout', timeoutUs, '-protocol_whitelist', RTMP_PROTOCOL_WHITELIST, '-analyzeduration', '2000000', '-probesize', '1000000', '-i', inputUrl];
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
    ...audioArgs(input.audioMode ?? 'transcode-aac'),
    '-sn', '-dn',
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
