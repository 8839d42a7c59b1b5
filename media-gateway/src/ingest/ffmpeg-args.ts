/**
 * Pure builder for the ingest command line, table-tested as exact arrays. ffmpeg is always spawned with an
 * argument array (never a shell); the input URL has been validated (rtsp/rtsps only, no leading '-', no
 * whitespace) before it gets here, and the protocol whitelist stops a hostile SDP from pulling in file:/concat:.
 */
export interface IngestArgsInput {
  /** rtsp:// or rtsps:// URL, with credentials already inserted. */
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

export function buildIngestArgs(input: IngestArgsInput): string[] {
  if (!/^rtsps?:\/\//.test(input.inputUrl)) throw new Error('ingest input must be an rtsp:// or rtsps:// URL');
  const video =
    input.videoMode === 'copy'
      ? ['-c:v', 'copy']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-force_key_frames', 'expr:gte(t,n_forced*1)'];
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel', 'level+warning',
    '-user_agent', input.userAgent,
    '-rtsp_transport', 'tcp',
    '-timeout', String(Math.round(input.ioTimeoutSec * 1_000_000)),
    '-protocol_whitelist', RTSP_PROTOCOL_WHITELIST,
    '-analyzeduration', '2000000',
    '-probesize', '1000000',
    '-i', input.inputUrl,
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
