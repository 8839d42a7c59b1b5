import { describe, expect, it } from 'vitest';
import { capsForInput, chooseEncoder, listedEncoders, NVIDIA_DEVICE, transcodeVideoArgs, TRANSCODE_CAPS, VAAPI_DEVICE } from './video-encoder';

// Debian 12's ffmpeg 5.1 prints every hardware encoder it was built with, GPU or not.
const DEBIAN_ENCODERS = `Encoders:
 V..... = Video
 ------
 V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D libx264rgb           libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 RGB (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 V..... h264_qsv             H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (Intel Quick Sync Video acceleration) (codec h264)
 V....D h264_vaapi           H.264/AVC (VAAPI) (codec h264)
 V....D libx265              libx265 H.265 / HEVC (codec hevc)
 A....D aac                  AAC (Advanced Audio Coding)
`;
const SOFTWARE_ONLY = ` V....D libx264              libx264 H.264 / AVC (codec h264)\n A....D aac   AAC\n`;

describe('chooseEncoder', () => {
  it('reads encoder names from ffmpeg -encoders, video only', () => {
    expect([...listedEncoders(DEBIAN_ENCODERS)]).toEqual(['libx264', 'libx264rgb', 'h264_nvenc', 'h264_qsv', 'h264_vaapi', 'libx265']);
  });

  it('stays in software when the encoders are listed but no GPU device exists (this machine)', () => {
    const c = chooseEncoder({ encodersText: DEBIAN_ENCODERS, devices: new Set() });
    expect(c.encoder).toBe('libx264');
    expect(c.why).toContain(`${VAAPI_DEVICE} absent`);
  });

  it('takes NVENC with /dev/nvidia0, QSV before VAAPI on a render node', () => {
    expect(chooseEncoder({ encodersText: DEBIAN_ENCODERS, devices: new Set([NVIDIA_DEVICE, VAAPI_DEVICE]) }).encoder).toBe('h264_nvenc');
    expect(chooseEncoder({ encodersText: DEBIAN_ENCODERS, devices: new Set([VAAPI_DEVICE]) }).encoder).toBe('h264_qsv');
    const noQsv = DEBIAN_ENCODERS.replace(/^.*h264_qsv.*$/m, '');
    expect(chooseEncoder({ encodersText: noQsv, devices: new Set([VAAPI_DEVICE]) }).encoder).toBe('h264_vaapi');
  });

  it('never picks an encoder ffmpeg does not list, even with the device present', () => {
    expect(chooseEncoder({ encodersText: SOFTWARE_ONLY, devices: new Set([NVIDIA_DEVICE, VAAPI_DEVICE]) }).encoder).toBe('libx264');
    // A failed probe (empty list) is software too.
    expect(chooseEncoder({ encodersText: '', devices: new Set([VAAPI_DEVICE]) }).encoder).toBe('libx264');
  });

  it('honours a configured encoder when usable, else falls back to software and says why', () => {
    expect(chooseEncoder({ encodersText: DEBIAN_ENCODERS, devices: new Set([VAAPI_DEVICE]) }, 'h264_vaapi')).toEqual({ encoder: 'h264_vaapi', why: 'configured' });
    const c = chooseEncoder({ encodersText: DEBIAN_ENCODERS, devices: new Set() }, 'h264_nvenc');
    expect(c.encoder).toBe('libx264');
    expect(c.why).toContain('unusable');
    expect(chooseEncoder({ encodersText: DEBIAN_ENCODERS, devices: new Set([NVIDIA_DEVICE]) }, 'libx264').encoder).toBe('libx264');
  });
});

describe('capsForInput', () => {
  it('keeps the output under a known input rate, never below the floor, never above the size cap', () => {
    expect(capsForInput(TRANSCODE_CAPS.sub, null)).toBe(TRANSCODE_CAPS.sub);
    expect(capsForInput(TRANSCODE_CAPS.main, 3_100_000)).toBe(TRANSCODE_CAPS.main); // 1080p H.265 at 3.1 Mbit/s: the 1.5 cap is lower
    expect(capsForInput(TRANSCODE_CAPS.sub, 400_000)).toEqual({ ...TRANSCODE_CAPS.sub, maxrateKbps: 360 });
    expect(capsForInput(TRANSCODE_CAPS.sub, 100_000).maxrateKbps).toBe(200);
  });
});

describe('transcodeVideoArgs', () => {
  it('caps libx264 output size and peak rate (capped CRF, 1 s VBV)', () => {
    expect(transcodeVideoArgs('libx264', TRANSCODE_CAPS.sub)).toEqual([
      '-vf', "scale=w='min(iw,640)':h='min(ih,360)':force_original_aspect_ratio=decrease:force_divisible_by=2,format=yuv420p",
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'high', '-crf', '26',
      '-maxrate', '600k', '-bufsize', '600k',
      '-force_key_frames', 'expr:gte(t,n_forced*1)',
    ]);
  });

  it('gives each hardware encoder its own upload and rate control, same caps', () => {
    const vaapi = transcodeVideoArgs('h264_vaapi', TRANSCODE_CAPS.main);
    expect(vaapi.slice(0, 2)).toEqual(['-vaapi_device', VAAPI_DEVICE]);
    expect(vaapi[vaapi.indexOf('-vf') + 1]).toMatch(/min\(iw,1280\).*min\(ih,720\).*format=nv12,hwupload$/);
    for (const enc of ['h264_vaapi', 'h264_qsv', 'h264_nvenc'] as const) {
      const args = transcodeVideoArgs(enc, TRANSCODE_CAPS.main);
      expect(args[args.indexOf('-c:v') + 1]).toBe(enc);
      expect(args[args.indexOf('-maxrate') + 1]).toBe('1500k');
      expect(args[args.indexOf('-b:v') + 1]).toBe('1200k');
    }
  });
});
