/**
 * Keeps a camera's URL (credentials in it) off the ffmpeg/ffprobe command line, which any local user reads in
 * `ps` or /proc/<pid>/cmdline. ffmpeg 5.1 has no option file (`-/option file` came in 7.0) and its RTSP demuxer
 * takes credentials only from the URL, so the input is a one-entry script for the concat demuxer written to the
 * child's stdin: `file '<url>'` plus an `option key value` line per option of the real demuxer (transport,
 * timeout, user agent, probing). The concat demuxer opens that URL with those options and passes packets through
 * (one file: timestamps unchanged, codec parameters and stream order copied), and hands its protocol whitelist on
 * to the inner input. Measured: startup within a few ms of `-i <url>`, the same errors (the inner demuxer's lines
 * are printed as before; see README).
 *
 * What stays on the command line: `-f concat -safe 0` (URLs with a protocol are "unsafe" names to it),
 * `-auto_convert 0` (else it puts H.264 with an avcC header, as the internal RTMP pull's FLV has, through
 * h264_mp4toannexb: parameter sets in every keyframe, output no longer byte-identical to `-i <url>`), the whitelist
 * (with `pipe` added for the script itself) and the outer probing limits (the outer demuxer probes the concat
 * stream again; without the same limits it waits for ~20 frames to guess a frame rate).
 */

export interface SecretInput {
  /** Input options ending in `-i pipe:0`. */
  args: string[];
  /** The script to write to the child's stdin (then close it). */
  stdin: string;
}

/** Options of the real demuxer, in the order they are written; values are passed as they are (strings). */
export type DemuxerOptions = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * `outerArgs` are options for the concat input itself (probing limits), put before `-i`. `protocolWhitelist` is
 * what the camera's protocol needs; `pipe` is added for reading the script.
 */
export function secretInput(url: string, options: DemuxerOptions, protocolWhitelist: string, outerArgs: string[] = []): SecretInput {
  const lines = ['ffconcat version 1.0', `file ${quote(url)}`];
  for (const [name, value] of options) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`bad demuxer option name: ${name}`);
    lines.push(`option ${name} ${quote(value)}`);
  }
  return {
    args: ['-f', 'concat', '-safe', '0', '-auto_convert', '0', '-protocol_whitelist', `pipe,${protocolWhitelist}`, ...outerArgs, '-i', 'pipe:0'],
    stdin: `${lines.join('\n')}\n`,
  };
}

/**
 * One token of the script as libavutil's av_get_token reads it: inside '…' nothing is special, so a quote is
 * closed, escaped and reopened. Line breaks and NUL would end the directive early (a value could then add its own
 * directives): refused.
 */
function quote(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error('a concat script value cannot contain line breaks or NUL');
  return `'${value.replace(/'/g, "'\\''")}'`;
}
