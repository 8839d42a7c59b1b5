// The health page's recording rows: names from the store, mode and state in words, stopped cameras first.
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { zhLeaks } from '../../i18n/visible-text.test-util';
import { recordingStatusRows } from './recording-status-rows';

const zh = createTranslate('zh-CN', DICTIONARIES);
const en = createTranslate('en', DICTIONARIES);
const names = new Map([
  ['a', '东门'],
  ['b', '北桥'],
  ['c', '南村'],
]);

describe('recording status rows', () => {
  it('reads each camera’s mode and state in words, the stop reason translated, stopped first (by name in pinyin order)', () => {
    const items = [
      { cameraId: 'a', mode: 'continuous', profile: 'sub' as const, state: 'recording', reasonCode: null },
      { cameraId: 'b', mode: 'event', profile: 'main' as const, state: 'idle', reasonCode: null },
      { cameraId: 'c', mode: 'schedule', profile: 'main' as const, state: 'stopped', reasonCode: 'storage-full' },
      { cameraId: 'd', mode: 'continuous', profile: 'main' as const, state: 'stopped', reasonCode: 'auth-failed' },
    ];
    const rows = recordingStatusRows(items, (id) => names.get(id) ?? null, zh);
    expect(rows.map((r) => [r.name, r.mode, r.state])).toEqual([
      ['点位 d', '连续录像', '已停止：摄像机认证失败'],
      ['南村', '计划录像', '已停止：录像存储空间已满'],
      ['北桥', '事件录像', '空闲'],
      ['东门', '连续录像', '录像中'],
    ]);
    expect(rows.flatMap((r) => [r.mode, r.state].flatMap((x) => zhLeaks(x)))).toEqual([]);
    expect(recordingStatusRows(items.slice(0, 1), () => 'East gate', en)[0]).toMatchObject({ mode: 'Continuous', state: 'Recording' });
  });
});
