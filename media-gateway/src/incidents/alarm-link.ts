import type { AttachmentContentType, IncidentAlarmDto } from '../../../contracts/src/incident';

/** What the incident module needs to know about an alarm to open an incident from it. */
export interface AlarmForIncident {
  id: string;
  type: string | null;
  severity: string | null;
  title: string | null;
  detail: string | null;
  /** When it happened (ms), null when unknown. */
  at: number | null;
  cameraIds: string[];
  orgUnitId: string | null;
  lat: number | null;
  lng: number | null;
  state: string | null;
  snapshot: { contentType: AttachmentContentType; data: Buffer } | null;
}

export interface AlarmActor {
  userId: string;
  username: string;
  displayName: string;
}

/**
 * The narrow interface the incident module needs from the alarms module (implemented by
 * alarms/alarm-incident-link.ts, wired in gateway.ts). `markConverted` runs inside the transaction that creates the
 * incident, so the alarm and the incident change together or not at all; it throws (e.g. 409) to refuse.
 */
export interface AlarmLink {
  get(alarmId: string): AlarmForIncident | null;
  markConverted(alarmId: string, incidentId: string, by: AlarmActor, at: number): void;
}

/** Summaries of linked alarms for an incident's detail page; ids the source no longer knows are listed bare. */
export function alarmSummaries(link: AlarmLink, ids: string[]): IncidentAlarmDto[] {
  return ids.map((id) => {
    const a = link.get(id);
    return { id, type: a?.type ?? null, severity: a?.severity ?? null, at: a?.at ? new Date(a.at).toISOString() : null, cameraId: a?.cameraIds[0] ?? null };
  });
}
