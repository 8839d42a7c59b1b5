import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { zhLeaks } from '../../i18n/visible-text.test-util';
import { recordingStatusText } from './RecordingPlanPanel';

const zh = createTranslate('zh-CN', DICTIONARIES);
const en = createTranslate('en', DICTIONARIES);

describe('recording status in words', () => {
  it('each state and stop reason reads in Chinese (the recorder’s own reasons and a stream’s), without codes', () => {
    expect(recordingStatusText({ state: 'recording', reasonCode: null }, zh)).toBe('录像中');
    expect(recordingStatusText({ state: 'starting', reasonCode: null }, zh)).toBe('启动中');
    expect(recordingStatusText({ state: 'idle', reasonCode: null }, zh)).toBe('空闲');
    expect(recordingStatusText({ state: 'stopped', reasonCode: 'storage-full' }, zh)).toBe('已停止：录像存储空间已满');
    expect(recordingStatusText({ state: 'stopped', reasonCode: 'storage-full' }, en)).toBe('Stopped: Recording storage is full');
    const texts = ['write-failed', 'capacity', 'stream-unavailable', 'auth-failed', 'made-up-code', null].map((reasonCode) => recordingStatusText({ state: 'stopped', reasonCode }, zh));
    expect(texts.flatMap((x) => zhLeaks(x))).toEqual([]);
    expect(texts.at(-2)).toBe('已停止：原因未知');
  });
});
