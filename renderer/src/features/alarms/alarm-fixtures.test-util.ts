import type { AlarmDto } from '../../../../contracts/src/alarm';

/** An alarm for unit tests: override what the test is about. */
export function alarm(id: string, patch: Partial<AlarmDto> = {}): AlarmDto {
  return {
    id,
    type: 'motion',
    severity: 'major',
    source: 'external:test',
    cameraId: 'c1',
    cameraIds: ['c1'],
    cameraName: '人民路口',
    lat: 37,
    lng: 111.1,
    orgUnitId: '141130100',
    orgUnitName: '水头镇',
    title: 'test',
    detail: null,
    occurredAt: '2030-01-01T00:00:00.000Z',
    firstAt: '2030-01-01T00:00:00.000Z',
    lastAt: '2030-01-01T00:00:00.000Z',
    count: 1,
    externalEventId: null,
    state: 'new',
    assignedTo: null,
    assignedToName: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    dismissedReason: null,
    incidentId: null,
    hasSnapshot: false,
    actions: [],
    updatedAt: '2030-01-01T00:00:00.000Z',
    ...patch,
  };
}
