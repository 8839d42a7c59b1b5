import { describe, expect, it } from 'vitest';
import { stripLowLatencyTags } from './plain-playlist-loader';

const LL_PLAYLIST = [
  '#EXTM3U',
  '#EXT-X-VERSION:9',
  '#EXT-X-TARGETDURATION:1',
  '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=6.000,PART-HOLD-BACK=0.600',
  '#EXT-X-PART-INF:PART-TARGET=0.200',
  '#EXT-X-MEDIA-SEQUENCE:7',
  '#EXT-X-MAP:URI="init/0.mp4?token=t"',
  '#EXT-X-PROGRAM-DATE-TIME:2026-12-07T16:00:00.000Z',
  '#EXT-X-PART:DURATION=0.200,URI="part/7.0.m4s?token=t",INDEPENDENT=YES',
  '#EXTINF:1.000,',
  'seg/7.m4s?token=t',
  '#EXT-X-PROGRAM-DATE-TIME:2026-12-07T16:00:01.000Z',
  '#EXT-X-PART:DURATION=0.200,URI="part/8.0.m4s?token=t",INDEPENDENT=YES',
  '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="part/8.1.m4s?token=t"',
  '',
].join('\n');

describe('plain HLS for tiles beyond the connection budget', () => {
  it('drops the LL-HLS tags, so hls.js neither blocks nor loads parts; segments stay', () => {
    const plain = stripLowLatencyTags(LL_PLAYLIST);
    expect(plain).not.toMatch(/CAN-BLOCK-RELOAD|EXT-X-PART|PRELOAD-HINT/);
    expect(plain.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:9',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-MEDIA-SEQUENCE:7',
      '#EXT-X-MAP:URI="init/0.mp4?token=t"',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-07T16:00:00.000Z',
      '#EXTINF:1.000,',
      'seg/7.m4s?token=t',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-07T16:00:01.000Z',
      '',
    ]);
  });
});
