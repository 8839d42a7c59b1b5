import type { Role } from './auth';
import type { IncidentDto, IncidentState } from './incident';
import { roleHas } from './permissions';

/**
 * 待我处理: which incidents wait for a step the viewer takes. One rule for the gateway (`GET /api/v1/incidents?todo=true`,
 * in SQL) and the console (a pushed incident joins or leaves the top bar's count):
 * - `incident.write` (the county): accepted (研判), analysed (分流转办) and handled (办结) incidents;
 * - `incident.handle`: dispatched incidents whose responsible township lies in the viewer's unit — for a county-level
 *   viewer (no unit), those dispatched to a department, which the county feeds back for.
 * Both only within the viewer's scope (the gateway's list and topic delivery already narrow to it).
 */
export const COUNTY_TODO_STATES: readonly IncidentState[] = ['accepted', 'analysed', 'handled'];

export interface TodoViewer {
  role: Role;
  /** null = county level. */
  orgUnitId: string | null;
}

export function waitsFor(viewer: TodoViewer, incident: Pick<IncidentDto, 'state' | 'responsibleOrgUnitId'>, within: (unit: string, ancestor: string) => boolean): boolean {
  if (roleHas(viewer.role, 'incident.write') && COUNTY_TODO_STATES.includes(incident.state)) return true;
  if (!roleHas(viewer.role, 'incident.handle') || incident.state !== 'dispatched') return false;
  if (viewer.orgUnitId === null) return incident.responsibleOrgUnitId === null;
  return incident.responsibleOrgUnitId !== null && within(incident.responsibleOrgUnitId, viewer.orgUnitId);
}
