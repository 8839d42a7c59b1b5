// What an incident's coded fields say, in the reader's language (pure): the reporter (an alarm reporter is named by
// its alarm type), a linked alarm's label, and the timeline notes the gateway writes in English for API clients
// (`from alarm <id>`, `→ <township> (<id>), deadline <ISO>`): shown without ids, dates as the console writes them.
import type { IncidentDetailDto, IncidentDto, IncidentEventDto } from '../../../../contracts/src/incident';
import { parseIncidentNote } from '../../../../contracts/src/incident-notes';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { formatDateTime } from '../../i18n/date-format';
import type { Language, Translate } from '../../i18n/translate';
import { alarmShortLabel, typeLabel } from '../alarms';
import { categoryName } from './IncidentCategoryOptions';
import { orgName } from './incident-format';

export function reporterText(t: Translate, reporter: IncidentDto['reporter']): string {
  const name = reporter.kind === 'alarm' && reporter.name ? typeLabel(t, reporter.name) : reporter.name;
  return [t(`incidents.reporter.${reporter.kind}`), name].filter(Boolean).join(' · ');
}

type Units = ReadonlyMap<string, Pick<OrgUnit, 'name' | 'nameEn'>>;

/** A timeline note; an operator's own words are shown as written. */
export function timelineNoteText(t: Translate, lang: Language, e: Pick<IncidentEventDto, 'note'>, alarms: IncidentDetailDto['alarms'], units: Units): string | null {
  if (!e.note) return null;
  const alarm = (id: string) => {
    const a = alarms.find((x) => x.id === id);
    return a ? alarmShortLabel(t, a) || t('incidents.note.alarmUnknown') : t('incidents.note.alarmUnknown');
  };
  const n = parseIncidentNote(e.note);
  switch (n.kind) {
    case 'from-alarm':
      return t('incidents.note.fromAlarm', { alarm: alarm(n.alarmId) });
    case 'linked-alarms':
      return t('incidents.note.linkedAlarms', { alarms: n.alarmIds.map(alarm).join('、') });
    case 'dispatch': {
      const to = n.toId && units.has(n.toId) ? orgName(n.toId, units, lang) : n.toName;
      const line = t('incidents.note.dispatch', { to, deadline: formatDateTime(n.deadline, lang) });
      return n.note ? t('incidents.note.withNote', { line, note: n.note }) : line;
    }
    case 'category-change': {
      const line = t('incidents.note.category', { from: categoryName(n.from, lang), to: categoryName(n.to, lang) });
      return n.note ? `${n.note} · ${line}` : line;
    }
    case 'text':
      return n.text;
  }
}
