// Bug 7 on the incident page: the reporter said "告警 · grid-report", a linked alarm "grid-report · critical", the
// timeline "from alarm <uuid>" and "deadline 2026-12-10T04:58:00.000Z". The real IncidentDetail is rendered in zh-CN
// and its visible text checked with the console's leak rules; the gateway's note formats round-trip.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { IncidentDetailDto } from '../../../../contracts/src/incident';
import { incidentNote, parseIncidentNote } from '../../../../contracts/src/incident-notes';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { DICTIONARIES } from '../../app/dictionaries';
import { ToastProvider } from '../../components/ui/toasts';
import { I18nContext } from '../../i18n/i18n-context';
import { formatDateTime } from '../../i18n/date-format';
import { createTranslate, type Language } from '../../i18n/translate';
import { visibleTexts, zhLeaks } from '../../i18n/visible-text.test-util';
import { IncidentDetail } from './IncidentDetail';

const ALARM_ID = '3f2b8c1e-9a4d-4c55-8e21-0b6f1c2d3e4f';
const INCIDENT_ID = '7d0c6a52-1b8e-4f3a-9c2d-5e6f7a8b9c0d';
const TOWNSHIP: OrgUnit = { id: '360124101', name: '城关镇', nameEn: 'Chengguan', level: 'township', parentId: '360124', lat: null, lng: null, demo: false };
const DEADLINE = '2026-12-10T04:58:00.000Z';

const incident: IncidentDetailDto = {
  id: INCIDENT_ID,
  code: 'SJ-2026-CG-0001',
  title: '东门路口积水',
  category: 'public-security',
  description: '',
  place: { orgUnitId: TOWNSHIP.id, townshipId: TOWNSHIP.id, lat: null, lng: null, address: null },
  reporter: { kind: 'alarm', name: 'grid-report', phone: null },
  occurredAt: '2026-12-07T04:57:00.000Z',
  state: 'dispatched',
  responsibleOrgUnitId: TOWNSHIP.id,
  responsibleDepartment: null,
  deadline: DEADLINE,
  supervised: false,
  overdue: false,
  feedback: null,
  disputeResolved: null,
  visit: null,
  cameraIds: [],
  alarmIds: [ALARM_ID],
  createdBy: null,
  createdAt: '2026-12-07T04:58:00.000Z',
  updatedAt: '2026-12-07T05:00:00.000Z',
  closedAt: null,
  alarms: [{ id: ALARM_ID, type: 'grid-report', severity: 'critical', at: '2026-12-07T04:57:00.000Z', cameraId: null }],
  attachments: [],
  timeline: [
    { id: 1, at: '2026-12-07T04:58:00.000Z', action: 'create', fromState: null, toState: 'accepted', userId: 'u1', username: 'duty1', displayName: '值班员甲', note: incidentNote.fromAlarm(ALARM_ID) },
    { id: 2, at: '2026-12-07T04:59:00.000Z', action: 'analyse', fromState: 'accepted', toState: 'analysed', userId: 'u1', username: 'duty1', displayName: '值班员甲', note: incidentNote.categoryChange('', 'traffic', 'public-security') },
    { id: 3, at: '2026-12-07T05:00:00.000Z', action: 'dispatch', fromState: 'analysed', toState: 'dispatched', userId: 'u1', username: 'duty1', displayName: '值班员甲', note: incidentNote.dispatch({ name: TOWNSHIP.name, id: TOWNSHIP.id }, DEADLINE, '请尽快处理') },
  ],
};

function render(lang: Language): string[] {
  const t = createTranslate(lang, DICTIONARIES);
  const html = renderToStaticMarkup(
    <I18nContext.Provider value={{ lang, t, setLang: () => undefined }}>
      <ToastProvider>
        <IncidentDetail
          incident={incident}
          user={{ role: 'county-operator', orgUnitId: null }}
          canUpload={false}
          orgUnitsById={new Map([[TOWNSHIP.id, TOWNSHIP]])}
          camerasById={new Map()}
          townships={[TOWNSHIP]}
          within={() => true}
          onAct={async () => undefined}
          onUpload={async () => undefined}
          onClose={() => undefined}
          onRefresh={() => undefined}
          showCameraOnWall={() => undefined}
        />
      </ToastProvider>
    </I18nContext.Provider>,
  );
  return visibleTexts(html);
}

describe('incident detail in words', () => {
  it('zh-CN shows no code, engine English or UUID', () => {
    const texts = render('zh-CN');
    // The incident code and the people's user names are data, shown as written.
    expect(texts.flatMap((x) => zhLeaks(x, [incident.code, 'duty1']))).toEqual([]);
    const all = texts.join('\n');
    expect(all).toContain('告警 · 网格上报');
    expect(all).toContain('网格上报 · 紧急');
    expect(all).toContain('由告警转入：网格上报 · 紧急');
    expect(all).toContain(`转办至 城关镇，办理期限 ${formatDateTime(DEADLINE, 'zh-CN')}：请尽快处理`);
    expect(all).toContain('类别由 道路交通 改为 治安隐患');
  });

  it('en shows the same facts in English, without ids', () => {
    // The people's and places' own names and words are data (here in Chinese); nothing else may be.
    const all = render('en').join('\n');
    const words = ['东门路口积水', '值班员甲', '请尽快处理'].reduce((s, n) => s.split(n).join(''), all);
    expect(all).toContain('Alarm · Grid report');
    expect(all).toContain(`Dispatched to Chengguan, deadline ${formatDateTime(DEADLINE, 'en')}: 请尽快处理`);
    expect(words).not.toMatch(/[\u4e00-\u9fff]/);
    expect(all).not.toContain(ALARM_ID);
  });

  it('gateway notes round-trip through the shared format; operators’ words stay text', () => {
    expect(parseIncidentNote(incidentNote.fromAlarm(ALARM_ID))).toEqual({ kind: 'from-alarm', alarmId: ALARM_ID });
    expect(parseIncidentNote(incidentNote.linkedAlarms(['a', 'b']))).toEqual({ kind: 'linked-alarms', alarmIds: ['a', 'b'] });
    expect(parseIncidentNote(incidentNote.dispatch({ name: '水利站' }, DEADLINE))).toEqual({ kind: 'dispatch', toName: '水利站', toId: null, deadline: DEADLINE, note: null });
    expect(parseIncidentNote(incidentNote.categoryChange('复核', 'traffic', 'dispute'))).toEqual({ kind: 'category-change', note: '复核', from: 'traffic', to: 'dispute' });
    expect(parseIncidentNote('已联系网格长')).toEqual({ kind: 'text', text: '已联系网格长' });
  });
});
