import { SEVERITY_RANK, SOUND_BY_SEVERITY, type AlarmAction, type AlarmRuleCreate, type AlarmSeverity } from '../../../contracts/src/alarm';

export type MatchableRule = Pick<AlarmRuleCreate, 'name' | 'enabled' | 'alarmType' | 'orgUnitId' | 'minSeverity' | 'layoutId' | 'wallId' | 'interruptTour' | 'sound'> & { id: string };

export interface MatchableAlarm {
  type: string;
  severity: AlarmSeverity;
}

/**
 * The response plans (预案) that apply to an alarm, most specific first. A rule applies when it is enabled, its type
 * is the alarm's (or any), its org unit is the alarm's or one of its ancestors (or any), and the alarm is at least
 * as severe as its minimum. Specificity: the nearer org unit, then a named type, then the higher minimum severity.
 *
 * `orgUnitAncestors` is the alarm's org unit followed by its ancestors up to the root (nearest first).
 */
export function matchRules(alarm: MatchableAlarm, rules: readonly MatchableRule[], orgUnitAncestors: readonly string[]): AlarmAction[] {
  const depth = (r: MatchableRule) => (r.orgUnitId === null ? Number.POSITIVE_INFINITY : orgUnitAncestors.indexOf(r.orgUnitId));
  return rules
    .filter((r) => r.enabled)
    .filter((r) => r.alarmType === null || r.alarmType === alarm.type)
    .filter((r) => r.orgUnitId === null || orgUnitAncestors.includes(r.orgUnitId))
    .filter((r) => SEVERITY_RANK[alarm.severity] >= SEVERITY_RANK[r.minSeverity])
    .sort(
      (a, b) =>
        depth(a) - depth(b) ||
        Number(b.alarmType !== null) - Number(a.alarmType !== null) ||
        SEVERITY_RANK[b.minSeverity] - SEVERITY_RANK[a.minSeverity] ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    )
    .map((r) => ({
      ruleId: r.id,
      ruleName: r.name,
      layoutId: r.layoutId,
      wallId: r.wallId,
      interruptTour: r.interruptTour,
      sound: r.sound === 'by-severity' ? SOUND_BY_SEVERITY[alarm.severity] : r.sound,
    }));
}
