import type { UserRepository } from '../db/user-repository';
import type { AlarmForIncident } from '../incidents/alarm-link';
import { forbidden } from '../platform/errors';
import type { AlarmRepository } from './alarm-repository';
import type { AlarmService } from './alarm-service';

/**
 * The alarms module's side of the incident module's `AlarmLink`: reads an alarm with its snapshot, and marks it
 * converted through the service (state machine, history, audit, push) inside the incident's transaction.
 */
export class AlarmIncidentLink {
  constructor(
    private readonly alarms: AlarmRepository,
    private readonly service: Pick<AlarmService, 'markConverted'>,
    private readonly users: Pick<UserRepository, 'get'>,
  ) {}

  get(alarmId: string): AlarmForIncident | null {
    const a = this.alarms.getDto(alarmId);
    if (!a) return null;
    const jpeg = a.hasSnapshot ? this.alarms.snapshot(alarmId) : null;
    return {
      id: a.id,
      type: a.type,
      severity: a.severity,
      title: a.title,
      detail: a.detail,
      at: Date.parse(a.occurredAt),
      cameraIds: a.cameraIds.length ? a.cameraIds : a.cameraId ? [a.cameraId] : [],
      orgUnitId: a.orgUnitId,
      lat: a.lat,
      lng: a.lng,
      state: a.state,
      snapshot: jpeg ? { contentType: 'image/jpeg', data: jpeg } : null,
    };
  }

  markConverted(alarmId: string, incidentId: string, by: { userId: string; username: string; displayName: string }, _at: number): void {
    const user = this.users.get(by.userId);
    if (!user) throw forbidden('unknown user');
    this.service.markConverted(alarmId, incidentId, { id: user.id, username: user.username, displayName: user.displayName, orgUnitId: user.orgUnitId });
  }
}
