import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInit } from './fmp4-parser';
import { splitFragment } from './fragment-split';
import { FFPROBE, ffmpegAvailable } from './testing/av-fixtures';
import { splitFixture, topLevelBoxes } from './testing/fmp4-fixtures';
import { trackTimeline } from './testing/timeline';

describe.skipIf(!ffmpegAvailable)('splitFragment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fragment-split-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Every packet of both tracks as ffprobe reads it: track, timestamps, size and an MD5 of the bytes. */
  function packets(name: string, bytes: Buffer): string[] {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const args = ['-v', 'error', '-show_data_hash', 'MD5', '-show_entries', 'packet=stream_index,pts,dts,size,data_hash', '-of', 'csv=p=0', file];
    return execFileSync(FFPROBE, args).toString().split('\n').filter(Boolean).sort();
  }

  // ffmpeg's first fragment of an RTSP run with B-frames and AAC: one moof with a video and an audio traf.
  const { init, fragments } = splitFixture('rtsp-start-bframes-aac.mp4');
  const info = parseInit(init);
  const [moof, mdat] = topLevelBoxes(fragments[0] as Buffer).map((b) => b.bytes) as [Buffer, Buffer];

  it('two fragments with the same samples (bytes, timestamps) of both tracks as the one before', () => {
    const split = splitFragment(moof, mdat, info.trackId, 2, info.defaults);
    expect(split).not.toBeNull();
    const [headMoof, headMdat, restMoof, restMdat] = split as Buffer[];
    const head = Buffer.concat([headMoof as Buffer, headMdat as Buffer]);
    const rest = Buffer.concat([restMoof as Buffer, restMdat as Buffer]);
    expect(trackTimeline(init, [head]).samples).toHaveLength(2);
    expect(trackTimeline(init, [rest]).samples).toHaveLength(3);
    expect(trackTimeline(init, [head, rest])).toEqual({ ...trackTimeline(init, [fragments[0] as Buffer]), tfdt: [0, 2 * 3600] });
    expect(trackTimeline(init, [rest], 'audio')).toEqual(trackTimeline(init, [fragments[0] as Buffer], 'audio'));
    const before = packets('before.mp4', Buffer.concat([init, fragments[0] as Buffer]));
    expect(before.length).toBe(5 + 3);
    expect(packets('after.mp4', Buffer.concat([init, head, rest]))).toEqual(before);
  });

  it('null when nothing would be left on one side', () => {
    expect(splitFragment(moof, mdat, info.trackId, 0, info.defaults)).toBeNull();
    expect(splitFragment(moof, mdat, info.trackId, 5, info.defaults)).toBeNull();
  });
});
