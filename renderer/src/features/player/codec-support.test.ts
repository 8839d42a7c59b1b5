import { describe, expect, it, vi } from 'vitest';
import { streamKey, type PipelineStatusDto } from '../../gateway/gateway-types';
import { detectHevc, HEVC_TYPES, markOriginalUndecodable, tilePipeline, videoRequest, videoRequestFor } from './codec-support';

describe('HEVC capability', () => {
  it('asks MediaSource for hvc1 and hev1 and requests the original codec only when hvc1 plays', () => {
    const asked: string[] = [];
    const safari = detectHevc((t) => (asked.push(t), true));
    expect(asked).toEqual([HEVC_TYPES.hvc1, HEVC_TYPES.hev1]);
    expect(videoRequestFor(safari)).toBe('original');
    // Headless Chromium here: no HEVC at all.
    expect(videoRequestFor(detectHevc(() => false))).toBe('compatible');
    expect(videoRequestFor(detectHevc((t) => t === HEVC_TYPES.hev1))).toBe('compatible');
  });

  it('treats a missing MediaSource or a throwing probe as no HEVC', () => {
    expect(detectHevc(null)).toEqual({ hvc1: false, hev1: false });
    expect(
      detectHevc(() => {
        throw new Error('nope');
      }),
    ).toEqual({ hvc1: false, hev1: false });
  });
});

describe('tilePipeline', () => {
  const status = (video: 'copy' | 'transcode', state: PipelineStatusDto['state']): PipelineStatusDto => ({
    cameraId: 'c1', profile: 'main', state, reason: null, viewers: 1, fps: 25, bitrateBps: 1, lastFragmentAgeMs: 1, restarts: 0, video,
  });
  const streams = new Map([
    [streamKey('c1', 'main'), status('copy', 'live')],
    [streamKey('c1', 'main', 'transcode'), status('transcode', 'lagging')],
  ]);

  it('shows the pipeline the tile’s own request reaches', () => {
    expect(tilePipeline(streams, 'c1', 'main', 'original')?.video).toBe('copy');
    expect(tilePipeline(streams, 'c1', 'main', 'compatible')?.video).toBe('transcode');
    // An H.264 camera has only the copy pipeline, whoever asks.
    expect(tilePipeline(new Map([[streamKey('c1', 'main'), status('copy', 'live')]]), 'c1', 'main', 'compatible')?.video).toBe('copy');
  });
});

describe('a stream the browser failed to decode', () => {
  it('is asked for as compatible from then on; other streams keep the original', () => {
    vi.stubGlobal('MediaSource', { isTypeSupported: () => true });
    try {
      expect(videoRequest('c1', 'main')).toBe('original');
      markOriginalUndecodable('c1', 'main');
      expect(videoRequest('c1', 'main')).toBe('compatible');
      expect(videoRequest('c1', 'sub')).toBe('original');
      expect(videoRequest('c2', 'main')).toBe('original');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
