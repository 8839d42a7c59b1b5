// Bug 7 in the alarm pop-up and details: ONVIF topics (`tns1:VideoSource/MotionAlarm`), the source
// (`external:grid-app`) and history actors were shown raw in the Chinese console.
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { zhLeaks } from '../../i18n/visible-text.test-util';
import { alarmActorText, alarmDetailText, alarmHistoryNote, alarmResolutionText, alarmShortLabel, alarmSourceText, alarmTitleText } from './alarm-text';
import { ONVIF_TOPICS, onvifTopicName } from './onvif-topics';

const zh = createTranslate('zh-CN', DICTIONARIES);
const en = createTranslate('en', DICTIONARIES);

describe('alarm text', () => {
  it('names ONVIF topics of the spec, Hikvision and Dahua whatever their namespace prefix', () => {
    expect(onvifTopicName('tns1:VideoSource/MotionAlarm')).toBe('motion');
    expect(onvifTopicName('tns1:RuleEngine/CellMotionDetector/Motion')).toBe('motion');
    expect(onvifTopicName('RuleEngine/TamperDetector/Tamper')).toBe('tamper');
    expect(onvifTopicName('tns1:RuleEngine/FieldDetector/ObjectsInside')).toBe('fieldIntrusion');
    expect(onvifTopicName('tns1:Device/Trigger/DigitalInput')).toBe('digitalInput');
    expect(onvifTopicName('tns1:VideoSource/SomethingNew')).toBeNull();
    for (const name of new Set(Object.values(ONVIF_TOPICS))) expect(zhLeaks(zh(`alarm.onvif.${name}`))).toEqual([]);
  });

  it('shows an ONVIF alarm as the event’s name with the raw topic only in the tooltip', () => {
    const motion = alarmDetailText(zh, { source: 'onvif', detail: 'tns1:VideoSource/MotionAlarm (VideoSourceConfigurationToken=vsc0)' });
    expect(motion).toEqual({ text: '移动侦测', title: '事件主题：tns1:VideoSource/MotionAlarm (VideoSourceConfigurationToken=vsc0)' });
    expect(alarmDetailText(zh, { source: 'onvif', detail: 'tns1:Vendor/Unknown' })?.text).toBe('其他事件');
    expect(alarmDetailText(en, { source: 'onvif', detail: 'tns1:VideoSource/MotionAlarm' })?.text).toBe('Motion detected');
    expect(alarmDetailText(zh, { source: 'external:grid-app', detail: '东门积水' })).toEqual({ text: '东门积水' });
    expect(alarmDetailText(zh, { source: 'onvif', detail: null })).toBeNull();
  });

  it('words sources, actors and short labels', () => {
    const shown = [
      alarmSourceText(zh, 'camera-health'),
      alarmSourceText(zh, 'onvif'),
      alarmSourceText(zh, 'external:gateway'),
      alarmSourceText(zh, 'external:grid-app'),
      alarmActorText(zh, 'system'),
      alarmActorText(zh, 'external:grid-app'),
      alarmShortLabel(zh, { type: 'grid-report', severity: 'critical' }),
    ];
    expect(shown).toEqual(['设备健康监测', '摄像机事件', '平台自检', '外部系统「grid-app」', '系统', '外部系统「grid-app」', '网格上报 · 紧急']);
    expect(shown.flatMap((s) => zhLeaks(s, ['grid-app']))).toEqual([]);
    expect(alarmActorText(zh, '值班员甲')).toBe('值班员甲');
    expect(alarmSourceText(en, 'external:grid-app')).toBe('External system “grid-app”');
  });
});

describe('alarm reasons by code', () => {
  it('words a camera-health detail by its code, the English in the tooltip; history notes and automatic resolutions too', () => {
    expect(alarmDetailText(zh, { source: 'camera-health', detail: 'connection timed out', detailCode: 'timeout' })).toEqual({ text: '连接超时', title: 'connection timed out' });
    expect(alarmDetailText(zh, { source: 'camera-health', detail: 'not responding (timed out after 5 s)', detailCode: 'not-responding' })?.text).toBe('摄像机无响应（5 秒后超时）');
    expect(alarmHistoryNote(zh, { note: 'connection refused', noteCode: 'connection-refused', userId: null, action: 'reason-changed' })?.text).toBe('摄像机拒绝连接');
    expect(alarmHistoryNote(zh, { note: 'camera is back online', noteCode: null, userId: null, action: 'camera-online' })).toEqual({ text: '', title: 'camera is back online' });
    expect(alarmHistoryNote(zh, { note: '已电话通知', noteCode: null, userId: 'u1', action: 'acknowledged' })).toEqual({ text: '已电话通知' });
    expect(alarmResolutionText(zh, { resolvedBy: 'system', resolutionNote: 'camera-online: camera is back online' })?.text).toBe('设备恢复在线，已自动解除');
    expect(alarmResolutionText(zh, { resolvedBy: 'system', resolutionNote: 'camera-stable: status held for the whole flap window' })?.text).toBe('设备状态已稳定，已自动解除');
    expect(alarmResolutionText(zh, { resolvedBy: 'u1', resolutionNote: '现场已处理' })).toEqual({ text: '现场已处理' });
  });
});

describe('the gateway’s own alarms', () => {
  it('are titled by their type and described in words, the English and ISO times only in tooltips', () => {
    const a = { source: 'external:gateway' as const, type: 'storage-fault', title: 'database unavailable', detail: 'background writes failed from 2026-12-07T04:57:00.000Z (database locked by another process, or the disk refused)' };
    const title = alarmTitleText(zh, a);
    const detail = alarmDetailText(zh, a);
    expect(title).toEqual({ text: '存储故障', title: 'database unavailable' });
    expect(detail?.title).toBe(a.detail);
    expect([title.text, detail?.text ?? ''].flatMap((x) => zhLeaks(x))).toEqual([]);
    expect(alarmTitleText(zh, { source: 'camera-health', type: 'camera-offline', title: '东门路口' })).toEqual({ text: '东门路口' });
  });
});
