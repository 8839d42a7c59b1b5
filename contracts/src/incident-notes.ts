/**
 * The timeline notes the gateway writes itself (the creation from an alarm, a dispatch with its deadline, a category
 * change). They stay plain English text in the API for its other clients; the console reads them back with
 * `parseIncidentNote` and words them in its own language, so both sides share one format here.
 */

export const incidentNote = {
  fromAlarm: (alarmId: string): string => `from alarm ${alarmId}`,
  linkedAlarms: (alarmIds: readonly string[]): string => `linked alarms ${alarmIds.join(', ')}`,
  /** `to`: a township's name and id, or a department's name. `deadline`: ISO 8601. */
  dispatch: (to: { name: string; id?: string }, deadline: string, note?: string): string =>
    `→ ${to.name}${to.id ? ` (${to.id})` : ''}, deadline ${deadline}${note ? `: ${note}` : ''}`,
  categoryChange: (note: string, from: string, to: string): string => `${note}${note ? ' ' : ''}[category ${from} → ${to}]`,
} as const;

export type ParsedIncidentNote =
  | { kind: 'from-alarm'; alarmId: string }
  | { kind: 'linked-alarms'; alarmIds: string[] }
  | { kind: 'dispatch'; toName: string; toId: string | null; deadline: string; note: string | null }
  | { kind: 'category-change'; note: string | null; from: string; to: string }
  | { kind: 'text'; text: string };

const FROM_ALARM = /^from alarm (\S+)$/;
const LINKED = /^linked alarms (\S.*)$/;
const DISPATCH = /^→ (.+?)(?: \(([^()\s]+)\))?, deadline (\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)(?:: ([\s\S]*))?$/;
const CATEGORY = /^(?:([\s\S]*) )?\[category ([a-z-]+) → ([a-z-]+)\]$/;

/** A stored note as its parts; anything the gateway did not build with `incidentNote` is `text` (an operator's words). */
export function parseIncidentNote(note: string): ParsedIncidentNote {
  let m = FROM_ALARM.exec(note);
  if (m) return { kind: 'from-alarm', alarmId: m[1]! };
  m = LINKED.exec(note);
  if (m) return { kind: 'linked-alarms', alarmIds: m[1]!.split(', ') };
  m = DISPATCH.exec(note);
  if (m) return { kind: 'dispatch', toName: m[1]!, toId: m[2] ?? null, deadline: m[3]!, note: m[4] || null };
  m = CATEGORY.exec(note);
  if (m) return { kind: 'category-change', note: m[1] || null, from: m[2]!, to: m[3]! };
  return { kind: 'text', text: note };
}
