// Bug 7 in the audit log: actions and outcomes were shown as codes (`alarm-source.create`, `ok`), targets as
// `alarm:<uuid>` and details as JSON. The row's cells are rendered in zh-CN and checked with the console's leak rules.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { visibleTexts, zhLeaks } from '../../i18n/visible-text.test-util';
import { auditActionText, auditDetailFields, auditOutcomeText, auditTargetText } from './audit-text';
import { AuditDetails } from './AuditSearch';

const zh = createTranslate('zh-CN', DICTIONARIES);
const en = createTranslate('en', DICTIONARIES);
const ALARM = '3f2b8c1e-9a4d-4c55-8e21-0b6f1c2d3e4f';

describe('audit rows in words', () => {
  it('name actions, outcomes and targets; unknown actions by their family', () => {
    expect(auditActionText(zh, 'alarm-source.create')).toBe('新建告警接入源');
    expect(auditActionText(zh, 'alarm.acknowledge')).toBe('确认告警');
    expect(auditActionText(zh, 'layout.save')).toBe('布局（其他操作）');
    expect(auditActionText(zh, 'weird.thing')).toBe('其他操作');
    expect(auditActionText(en, 'session.login')).toBe('Sign in');
    expect(['ok', 'denied', 'failed'].map((o) => auditOutcomeText(zh, o as 'ok'))).toEqual(['成功', '拒绝', '失败']);
    expect(auditTargetText(zh, 'alarm', ALARM)).toBe('告警 #3f2b8c1e');
    expect(auditTargetText(zh, 'camera', '36012410100001')).toBe('摄像机 36012410100001');
  });

  it('render details as labelled fields with no JSON, code or UUID', () => {
    const details = { from: 'new', to: 'acknowledged', alarmId: ALARM, filter: { user: null, forced: true }, ids: ['a1', 'b2'], rows: 3 };
    const html = renderToStaticMarkup(<AuditDetails fields={auditDetailFields(zh, details, 'alarm.acknowledge')} />);
    const texts = visibleTexts(html);
    expect(texts).toEqual(['原状态', '未处理', '新状态', '已确认', '告警', '#3f2b8c1e', '筛选条件', '用户：— · 强制：是', '编号', 'a1、b2', '行数', '3']);
    const cells = [auditActionText(zh, 'alarm.acknowledge'), auditOutcomeText(zh, 'ok'), auditTargetText(zh, 'alarm', ALARM), ...texts];
    expect(cells.flatMap((c) => zhLeaks(c))).toEqual([]);
    expect(html).not.toContain('{');
  });

  it('word the alarm-source steps of the admin screen (issue 13); a rotation shows the new key prefix only', () => {
    expect(['create', 'rotate', 'disable', 'enable', 'revoke'].map((a) => auditActionText(zh, `alarm-source.${a}`))).toEqual(['新建告警接入源', '更换告警接入源密钥', '停用告警接入源', '启用告警接入源', '吊销告警接入源']);
    expect(auditActionText(en, 'alarm-source.rotate')).toBe('Replace alarm source key');
    expect(auditDetailFields(zh, { name: 'grid-app', keyPrefix: 'cvgak_AbC123' }, 'alarm-source.rotate').map((f) => [f.label, f.value])).toEqual([
      ['名称', 'grid-app'],
      ['密钥前缀', 'cvgak_AbC123'],
    ]);
  });

  it('word a denial by its reason code, not the gateway English (issue 13, bug 7)', () => {
    const details = { reasonCode: 'out-of-scope', reason: 'camera is outside your org-unit scope' };
    expect(auditDetailFields(zh, details, 'access.denied')).toEqual([{ key: 'reasonCode', label: '原因', value: '超出本人管辖范围' }]);
    expect(auditDetailFields(en, { reasonCode: 'hls-token-expired', reason: 'HLS token expired' }, 'access.denied')[0]?.value).toBe('The video link has expired');
    const html = renderToStaticMarkup(<AuditDetails fields={auditDetailFields(zh, { reasonCode: 'permission-missing', reason: 'role viewer lacks permission camera.live-main' }, 'access.denied')} />);
    expect(visibleTexts(html).flatMap((c) => zhLeaks(c))).toEqual([]);
  });
});
