// Translated labels of alarm values. Known types, states, severities and history actions have keys; a type an
// external source made up is shown as sent.
import { ALARM_EVENT_ACTIONS, KNOWN_ALARM_TYPES, type AlarmEventAction, type AlarmSeverity, type AlarmState } from '../../../../contracts/src/alarm';
import type { Translate } from '../../i18n/translate';

export function typeLabel(t: Translate, type: string): string {
  return (KNOWN_ALARM_TYPES as readonly string[]).includes(type) ? t(`alarm.type.${type as (typeof KNOWN_ALARM_TYPES)[number]}`) : type;
}

export const severityLabel = (t: Translate, s: AlarmSeverity) => t(`alarm.severity.${s}`);
export const stateLabel = (t: Translate, s: AlarmState) => t(`alarm.state.${s}`);

export function historyLabel(t: Translate, action: string): string {
  return (ALARM_EVENT_ACTIONS as readonly string[]).includes(action) ? t(`alarm.history.${action as AlarmEventAction}`) : action;
}
