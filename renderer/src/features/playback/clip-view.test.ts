// The alarm clip's state → what the pop-up shows and whether it asks again.
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { zhLeaks } from '../../i18n/visible-text.test-util';
import { clipPlayable, clipPolls, clipStatusText } from './clip-view';
import { createPlaybackApi } from './playback-api';

const zh = createTranslate('zh-CN', DICTIONARIES);
const en = createTranslate('en', DICTIONARIES);

describe('alarm clip view', () => {
  it('recording: 录制中…, polled, playable once something is recorded', () => {
    expect(clipStatusText({ state: 'recording', recordedMs: 4000 }, zh)).toBe('录制中…');
    expect(clipStatusText({ state: 'recording', recordedMs: 4000 }, en)).toBe('Recording…');
    expect(clipPolls({ state: 'recording' })).toBe(true);
    expect(clipPlayable({ state: 'recording', recordedMs: 0 })).toBe(false);
    expect(clipPlayable({ state: 'recording', recordedMs: 4000 })).toBe(true);
  });

  it('ready: the recorded seconds, not polled; missing: 无录像, nothing to play', () => {
    expect(clipStatusText({ state: 'ready', recordedMs: 38_400 }, zh)).toBe('已录制 38 秒');
    expect(clipPolls({ state: 'ready' })).toBe(false);
    expect(clipPolls(null)).toBe(false);
    expect(clipStatusText({ state: 'missing', recordedMs: 0 }, zh)).toBe('无录像');
    expect(clipStatusText({ state: 'missing', recordedMs: 0 }, en)).toBe('No recording');
    expect(clipPlayable({ state: 'missing', recordedMs: 0 })).toBe(false);
    expect(clipPolls({ state: 'missing' })).toBe(false);
    expect(['recording', 'ready', 'missing'].flatMap((state) => zhLeaks(clipStatusText({ state: state as 'ready', recordedMs: 1000 }, zh)))).toEqual([]);
  });

  it('reads the gateway’s clip with where its recording begins (the pre-event seconds may be missing)', async () => {
    const answer = { alarmId: 'al1', cameraId: 'c1', profile: 'sub', start: '2026-12-08T01:00:00.000Z', end: '2026-12-08T01:00:40.000Z', state: 'recording', recordedMs: 6000, ranges: [{ start: '2026-12-08T01:00:04.000Z', end: '2026-12-08T01:00:10.000Z' }] };
    const urls: string[] = [];
    const api = createPlaybackApi(async (url) => {
      urls.push(url);
      return Response.json(answer);
    });
    expect(await api.alarmClip('al1')).toEqual({ alarmId: 'al1', cameraId: 'c1', profile: 'sub', state: 'recording', recordedMs: 6000, startMs: Date.parse(answer.start), endMs: Date.parse(answer.end), firstRecordedMs: Date.parse('2026-12-08T01:00:04.000Z') });
    expect(urls).toEqual(['/api/v1/alarms/al1/clip']);
    answer.ranges = [];
    expect((await api.alarmClip('al1')).firstRecordedMs).toBeNull();
  });
});
