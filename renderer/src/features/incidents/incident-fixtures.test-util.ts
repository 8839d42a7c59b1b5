// An incident DTO for the feature's unit tests, with what a test cares about overridden.
import type { IncidentDto } from '../../../../contracts/src/incident';

export function incident(over: Partial<IncidentDto> = {}): IncidentDto {
  return {
    id: 'a',
    code: '2025-101-00001',
    title: '路口积水',
    category: 'environment',
    description: '',
    place: { orgUnitId: '141130101203', townshipId: '141130101', lat: null, lng: null, address: null },
    reporter: { kind: 'operator', name: null, phone: null },
    occurredAt: '2025-06-01T00:00:00.000Z',
    state: 'accepted',
    responsibleOrgUnitId: null,
    responsibleDepartment: null,
    deadline: null,
    supervised: false,
    overdue: false,
    feedback: null,
    disputeResolved: null,
    visit: null,
    cameraIds: [],
    alarmIds: [],
    createdBy: null,
    createdAt: '2025-06-01T00:00:00.000Z',
    updatedAt: '2025-06-01T00:00:00.000Z',
    closedAt: null,
    ...over,
  };
}
