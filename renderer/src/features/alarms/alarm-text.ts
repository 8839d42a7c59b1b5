// What an alarm's coded fields say, in the reader's language (pure): its detail line (an ONVIF topic as the event's
// name, the raw topic kept for the tooltip), its source, who acted in its history, and its short label elsewhere.
import { ALARM_SEVERITIES, GATEWAY_ALARM_SOURCE, GATEWAY_ALARM_TYPES, type GatewayAlarmType, type AlarmDto, type AlarmEventDto, type AlarmSeverity } from '../../../../contracts/src/alarm';
import type { Translate } from '../../i18n/translate';
import { isReasonCode, reasonWords } from '../../i18n/reason-strings';
import { severityLabel, typeLabel } from './alarm-labels';
import { onvifTopicName, topicOfDetail } from './onvif-topics';

const isGatewayType = (type: string | undefined): type is GatewayAlarmType => (GATEWAY_ALARM_TYPES as readonly string[]).includes(type ?? '');

/** The alarm's title: a camera's name or a caller's text as sent; the gateway's own (English) titles by the type. */
export function alarmTitleText(t: Translate, alarm: Pick<AlarmDto, 'source' | 'title' | 'type'>): ShownText {
  return alarm.source === GATEWAY_ALARM_SOURCE ? { text: typeLabel(t, alarm.type), title: alarm.title } : { text: alarm.title };
}

/** A line to show, and the raw text behind it for a tooltip when the two differ. */
export interface ShownText {
  text: string;
  title?: string;
}

/** The alarm's detail: an ONVIF topic by its name (unknown ones as 其他事件), anything else as sent. */
export function alarmDetailText(t: Translate, alarm: Pick<AlarmDto, 'source' | 'detail' | 'detailCode'> & { type?: string }): ShownText | null {
  if (!alarm.detail) return null;
  // The gateway's own faults: words per type (their detail is the gateway's English, with ISO times).
  if (alarm.source === GATEWAY_ALARM_SOURCE && isGatewayType(alarm.type)) return { text: t(`alarm.gatewayDetail.${alarm.type}`), title: alarm.detail };
  // A camera-health reason: the code's words; the gateway's English stays in the tooltip.
  if (isReasonCode(alarm.detailCode)) return { text: reasonWords(alarm.detailCode, alarm.detail, t) ?? alarm.detail, title: alarm.detail };
  if (alarm.source !== 'onvif') return { text: alarm.detail };
  const name = onvifTopicName(topicOfDetail(alarm.detail));
  return { text: t(name ? `alarm.onvif.${name}` : 'alarm.onvif.other'), title: t('alarm.onvif.topic', { topic: alarm.detail }) };
}

/** `camera-health` | `onvif` | `external:gateway` | `external:<name>` in words. */
export function alarmSourceText(t: Translate, source: string): string {
  if (source === 'camera-health' || source === 'onvif') return t(`alarm.source.${source}`);
  if (source === GATEWAY_ALARM_SOURCE) return t('alarm.source.gateway');
  return t('alarm.source.external', { name: source.replace(/^external:/, '') });
}

/** A history line's actor: a user's name as is, `system` and `external:<name>` in words. */
export function alarmActorText(t: Translate, actor: string): string {
  if (actor === 'system') return t('alarm.actor.system');
  return actor.startsWith('external:') ? alarmSourceText(t, actor) : actor;
}

const isSeverity = (s: string | null): s is AlarmSeverity => s !== null && (ALARM_SEVERITIES as readonly string[]).includes(s);

/** An alarm named where it is not the subject (an incident's linked alarms and timeline): type · severity. */
export function alarmShortLabel(t: Translate, a: { type: string | null; severity: string | null }): string {
  return [a.type === null ? null : typeLabel(t, a.type), isSeverity(a.severity) ? severityLabel(t, a.severity) : a.severity].filter(Boolean).join(' · ');
}

/** A history line's note: a camera reason by its code's words; the gateway's own recovery notes are said by the action. */
export function alarmHistoryNote(t: Translate, h: Pick<AlarmEventDto, 'note' | 'noteCode' | 'userId' | 'action'>): ShownText | null {
  if (!h.note) return null;
  if (isReasonCode(h.noteCode)) return { text: reasonWords(h.noteCode, h.note, t) ?? h.note, title: h.note };
  if (h.userId === null && h.action === 'camera-online') return { text: '', title: h.note };
  return { text: h.note };
}

/** `resolutionNote`: the gateway's automatic resolutions (`camera-online: …`, `camera-stable: …`) in words. */
export function alarmResolutionText(t: Translate, a: Pick<AlarmDto, 'resolutionNote' | 'resolvedBy'>): ShownText | null {
  if (!a.resolutionNote) return null;
  if (a.resolvedBy === 'system' && a.resolutionNote.startsWith('camera-online:')) return { text: t('alarm.autoResolved.online'), title: a.resolutionNote };
  if (a.resolvedBy === 'system' && a.resolutionNote.startsWith('camera-stable:')) return { text: t('alarm.autoResolved.stable'), title: a.resolutionNote };
  return { text: a.resolutionNote };
}
