import { describe, expect, it } from 'vitest';
import { buildIngestArgs, withCredentials } from './ffmpeg-args';
import { TRANSCODE_CAPS, transcodeVideoArgs } from './video-encoder';

describe('buildIngestArgs', () => {
  it('builds the exact copy command line; the URL and its demuxer options go to stdin, the orphan tag to the environment', () => {
    const command = buildIngestArgs({ inputUrl: 'rtsp://u:p@127.1.0.1:8554/Streaming/Channels/102', ioTimeoutSec: 5, videoMode: 'copy', fragmentMs: 200, userAgent: 'CVG/0.1 (gw-abc)' });
    expect(command.args).toEqual([
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+warning',
      '-f', 'concat', '-safe', '0', '-auto_convert', '0',
      '-protocol_whitelist', 'pipe,rtsp,rtsps,tcp,tls',
      '-analyzeduration', '500000', '-probesize', '32768', '-fpsprobesize', '0',
      '-i', 'pipe:0',
      '-map', '0:v:0', '-map', '0:a:0?', '-c:a', 'aac', '-ac', '1', '-b:a', '32k', '-bsf:a', 'noise=drop=eq(n\\,0)', '-sn', '-dn',
      '-c:v', 'copy',
      '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000',
      'pipe:1',
    ]);
    expect(command.stdin).toBe(
      [
        'ffconcat version 1.0',
        "file 'rtsp://u:p@127.1.0.1:8554/Streaming/Channels/102'",
        "option user_agent 'CVG/0.1 (gw-abc)'",
        "option rtsp_transport 'tcp'",
        "option timeout '5000000'",
        "option analyzeduration '500000'",
        "option probesize '32768'",
        "option fpsprobesize '0'",
        '',
      ].join('\n'),
    );
    expect(command.env).toEqual({ CVG_ORPHAN_TAG: 'CVG/0.1 (gw-abc)' });
  });

  it('asks for RTP over UDP when told, with rtp and udp added to the whitelist (ffmpeg opens an rtp:// input per track)', () => {
    const udp = buildIngestArgs({ inputUrl: 'rtsp://cam/1', ioTimeoutSec: 5, videoMode: 'copy', fragmentMs: 200, userAgent: 'ua', transport: 'udp' });
    expect(udp.stdin).toContain("\noption rtsp_transport 'udp'\n");
    expect(udp.args[udp.args.indexOf('-protocol_whitelist') + 1]).toBe('pipe,rtsp,rtsps,tcp,tls,rtp,udp');
    const tcp = buildIngestArgs({ inputUrl: 'rtsp://cam/1', ioTimeoutSec: 5, videoMode: 'copy', fragmentMs: 200, userAgent: 'ua', transport: 'tcp' });
    expect(tcp.stdin).toContain("\noption rtsp_transport 'tcp'\n");
    expect(tcp.args[tcp.args.indexOf('-protocol_whitelist') + 1]).toBe('pipe,rtsp,rtsps,tcp,tls');
  });

  it.each([
    ['copy', ['-map', '0:a:0?', '-c:a', 'copy']],
    ['transcode-aac', ['-map', '0:a:0?', '-c:a', 'aac', '-ac', '1', '-b:a', '32k', '-bsf:a', 'noise=drop=eq(n\\,0)']],
    ['none', ['-an']],
  ] as const)('audio %s: optional first audio track after the video', (audioMode, want) => {
    const { args } = buildIngestArgs({ inputUrl: 'rtsp://cam/1', ioTimeoutSec: 3, videoMode: 'copy', audioMode, fragmentMs: 200, userAgent: 'x' });
    const from = args.indexOf('0:v:0') + 1;
    expect(args.slice(from, args.indexOf('-sn'))).toEqual(want);
  });

  it('transcodes H.265 to H.264 with a 1 s keyframe cadence, capped size and rate', () => {
    const { args, stdin } = buildIngestArgs({ inputUrl: 'rtsp://cam/1', ioTimeoutSec: 3, videoMode: 'transcode-h264', fragmentMs: 250, userAgent: 'x' });
    const i = args.indexOf('-vf');
    expect(args.slice(i, args.lastIndexOf('-f'))).toEqual(transcodeVideoArgs('libx264', TRANSCODE_CAPS.main));
    expect(args.slice(args.indexOf('-force_key_frames'), args.indexOf('-force_key_frames') + 2)).toEqual(['-force_key_frames', 'expr:gte(t,n_forced*1)']);
    const { args: sub } = buildIngestArgs({ inputUrl: 'rtsp://cam/1', ioTimeoutSec: 3, videoMode: 'transcode-h264', transcode: { encoder: 'h264_nvenc', caps: TRANSCODE_CAPS.sub }, fragmentMs: 250, userAgent: 'x' });
    expect(sub[sub.indexOf('-c:v') + 1]).toBe('h264_nvenc');
    expect(sub[sub.indexOf('-maxrate') + 1]).toBe('600k');
    expect(stdin).toContain("option timeout '3000000'");
    expect(args[args.indexOf('-frag_duration') + 1]).toBe('250000');
  });

  it('passes H.265 through untouched, tagged hvc1', () => {
    const { args } = buildIngestArgs({ inputUrl: 'rtsp://cam/1', ioTimeoutSec: 3, videoMode: 'copy', copyHevc: true, fragmentMs: 200, userAgent: 'x' });
    expect(args.slice(args.indexOf('-c:v'), args.lastIndexOf('-f'))).toEqual(['-c:v', 'copy', '-tag:v', 'hvc1']);
  });

  it('refuses anything but rtsp input', () => {
    for (const bad of ['file:///etc/passwd', 'concat:a|b', '-i', 'http://x/y']) {
      expect(() => buildIngestArgs({ inputUrl: bad, ioTimeoutSec: 5, videoMode: 'copy', fragmentMs: 200, userAgent: 'x' })).toThrow();
    }
  });

  it('builds the exact command line for the internal RTMP pull (own whitelist, rw_timeout, no rtsp_transport or user_agent; the token via stdin)', () => {
    const url = 'rtmp://127.0.0.1:19350/live/3f1c2d4e-0000-4000-8000-000000000001?key=AbCdEfGhIjKlMnOpQrStUv_-0123456789abcdefg';
    const command = buildIngestArgs({ inputUrl: url, ioTimeoutSec: 5, videoMode: 'copy', fragmentMs: 200, userAgent: 'CVG/0.1 (gw-abc)' });
    expect(command.stdin).toBe(["ffconcat version 1.0", `file '${url}'`, "option rw_timeout '5000000'", "option analyzeduration '2000000'", "option probesize '1000000'", ''].join('\n'));
    expect(command.args).toEqual([
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+warning',
      '-f', 'concat', '-safe', '0', '-auto_convert', '0',
      '-protocol_whitelist', 'pipe,rtmp,tcp',
      '-analyzeduration', '2000000', '-probesize', '1000000',
      '-i', 'pipe:0',
      '-map', '0:v:0', '-map', '0:a:0?', '-c:a', 'aac', '-ac', '1', '-b:a', '32k', '-bsf:a', 'noise=drop=eq(n\\,0)', '-sn', '-dn',
      '-c:v', 'copy',
      '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000',
      'pipe:1',
    ]);
  });

  it.each([
    ['a remote RTMP server', 'rtmp://10.0.0.5:1935/live/cam1?key=AbCdEfGhIjKlMnOp'],
    ['no internal token', 'rtmp://127.0.0.1:1935/live/cam1'],
    ['path traversal', 'rtmp://127.0.0.1:1935/live/../x?key=AbCdEfGhIjKlMnOp'],
    ['percent-encoding', 'rtmp://127.0.0.1:1935/live/%2e%2e?key=AbCdEfGhIjKlMnOp'],
    ['another app', 'rtmp://127.0.0.1:1935/admin/cam1?key=AbCdEfGhIjKlMnOp'],
    ['extra query', 'rtmp://127.0.0.1:1935/live/cam1?key=AbCdEfGhIjKlMnOp&x=1'],
    ['rtmpt tunnelling', 'rtmpt://127.0.0.1:1935/live/cam1?key=AbCdEfGhIjKlMnOp'],
  ])('refuses an rtmp input that is not the internal pull: %s', (_label, inputUrl) => {
    expect(() => buildIngestArgs({ inputUrl, ioTimeoutSec: 5, videoMode: 'copy', fragmentMs: 200, userAgent: 'x' })).toThrow();
  });
});

describe('withCredentials', () => {
  it('percent-encodes user and password into the URL', () => {
    expect(withCredentials('rtsp://10.0.0.5:554/live', 'admin', 'p@ss:w/rd')).toBe('rtsp://admin:p%40ss%3Aw%2Frd@10.0.0.5:554/live');
  });
  it('leaves the URL alone without a username', () => {
    expect(withCredentials('rtsp://10.0.0.5/live', null, 'x')).toBe('rtsp://10.0.0.5/live');
  });
});
