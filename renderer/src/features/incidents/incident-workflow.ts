// Which workflow steps the console offers on an incident (pure). Mirrors the gateway's state machine
// (media-gateway/src/incidents/incident-state-machine.ts) and its rights (incident-service.ts requireRight): the
// gateway still decides, and a 409/403 it sends is shown as it is. Here only: hidden = the role may never take the
// step on this incident; disabled = it may, but not in the current state.
import type { Role } from '../../../../contracts/src/auth';
import {
  INCIDENT_USER_ACTIONS,
  OPEN_INCIDENT_STATES,
  type IncidentCategory,
  type IncidentDto,
  type IncidentState,
  type IncidentUserAction,
} from '../../../../contracts/src/incident';
import { roleHas } from '../../../../contracts/src/permissions';

export const ACTION_FROM: Readonly<Record<IncidentUserAction, readonly IncidentState[]>> = {
  analyse: ['accepted'],
  dispatch: ['analysed'],
  handle: ['dispatched'],
  return: ['dispatched', 'handled'],
  close: ['handled'],
  supervise: OPEN_INCIDENT_STATES,
  visit: ['closed'],
};

export interface ActionAvailability {
  action: IncidentUserAction;
  /** The role may take this step on this incident at all. */
  visible: boolean;
  /** …and the current state allows it. */
  enabled: boolean;
}

export interface Actor {
  role: Role;
  /** null = county level (sees and answers for everything, departments included). */
  orgUnitId: string | null;
}

/** `unitId` lies in the subtree of `ancestorId` (itself included), following parents; codes nest as a fallback. */
export function orgWithin(unitId: string, ancestorId: string, parentOf: (id: string) => string | null | undefined): boolean {
  let id: string | null | undefined = unitId;
  for (let hops = 0; id && hops < 16; hops++) {
    if (id === ancestorId) return true;
    const parent = parentOf(id);
    if (parent === undefined) return unitId.startsWith(ancestorId); // unknown unit: GB/T 2260 codes nest by prefix
    id = parent;
  }
  return false;
}

/** The user answers for the incident's responsible unit (an unscoped user for departments too). */
export function isResponsible(user: Actor, incident: Pick<IncidentDto, 'responsibleOrgUnitId'>, within: (unit: string, ancestor: string) => boolean): boolean {
  if (user.orgUnitId === null) return true;
  return incident.responsibleOrgUnitId !== null && within(incident.responsibleOrgUnitId, user.orgUnitId);
}

export function actionAvailability(
  incident: Pick<IncidentDto, 'state' | 'responsibleOrgUnitId'>,
  user: Actor,
  within: (unit: string, ancestor: string) => boolean,
): ActionAvailability[] {
  const write = roleHas(user.role, 'incident.write');
  const handle = roleHas(user.role, 'incident.handle');
  const responsible = isResponsible(user, incident, within);
  return INCIDENT_USER_ACTIONS.map((action) => {
    let visible: boolean;
    switch (action) {
      case 'handle':
        visible = handle && responsible;
        break;
      case 'return':
        visible = write || (handle && responsible);
        break;
      default:
        visible = write;
    }
    return { action, visible, enabled: visible && ACTION_FROM[action].includes(incident.state) };
  });
}

// ---------- the action form ----------

export interface ActionDraft {
  note: string;
  /** analyse: '' keeps the category. */
  category: IncidentCategory | '';
  target: 'township' | 'department';
  unitId: string;
  department: string;
  /** DateField value (`YYYY-MM-DDTHH:mm`), local time. */
  deadline: string;
  satisfaction: number;
  disputeResolved: boolean;
}

export type ActionField = 'note' | 'unit' | 'department' | 'deadline' | 'satisfaction';
export type ActionErrorKey =
  | 'incidents.actions.required'
  | 'incidents.actions.unitRequired'
  | 'incidents.actions.departmentRequired'
  | 'incidents.actions.deadlineRequired'
  | 'incidents.actions.deadlinePast'
  | 'incidents.actions.satisfactionRange';
export type ActionErrors = Partial<Record<ActionField, ActionErrorKey>>;

/** Steps whose note is required by the gateway (handle: feedback, return: reason, supervise, visit: result). */
export const NOTE_REQUIRED: ReadonlySet<IncidentUserAction> = new Set(['handle', 'return', 'supervise', 'visit']);

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value for a moment, in the browser's local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value → ISO instant; null when empty or malformed. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime(); // no offset in the string: local time
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function emptyDraft(nowMs: number): ActionDraft {
  return { note: '', category: '', target: 'township', unitId: '', department: '', deadline: toLocalInput(nowMs + 3 * 86_400_000), satisfaction: 5, disputeResolved: true };
}

export function validateAction(action: IncidentUserAction, d: ActionDraft, nowMs: number): ActionErrors {
  const errors: ActionErrors = {};
  if (NOTE_REQUIRED.has(action) && d.note.trim() === '') errors.note = 'incidents.actions.required';
  if (action === 'dispatch') {
    if (d.target === 'township' && !d.unitId) errors.unit = 'incidents.actions.unitRequired';
    if (d.target === 'department' && d.department.trim() === '') errors.department = 'incidents.actions.departmentRequired';
    const iso = localInputToIso(d.deadline);
    if (!iso) errors.deadline = 'incidents.actions.deadlineRequired';
    else if (Date.parse(iso) <= nowMs) errors.deadline = 'incidents.actions.deadlinePast';
  }
  if (action === 'visit' && !(Number.isInteger(d.satisfaction) && d.satisfaction >= 1 && d.satisfaction <= 5)) errors.satisfaction = 'incidents.actions.satisfactionRange';
  return errors;
}

/** The body of `POST /api/v1/incidents/{id}/{action}` (contracts/src/incident.ts INCIDENT_ACTION_BODIES). */
export function actionBody(action: IncidentUserAction, d: ActionDraft, category: IncidentCategory): Record<string, unknown> {
  const note = d.note.trim();
  switch (action) {
    case 'analyse':
      return d.category && d.category !== category ? { note, category: d.category } : { note };
    case 'dispatch':
      return {
        ...(d.target === 'township' ? { responsibleOrgUnitId: d.unitId } : { responsibleDepartment: d.department.trim() }),
        deadline: localInputToIso(d.deadline),
        note,
      };
    case 'handle':
      return { feedback: note };
    case 'return':
      return { reason: note };
    case 'close':
      return category === 'dispute' ? { note, disputeResolved: d.disputeResolved } : { note };
    case 'supervise':
      return { note };
    case 'visit':
      return { result: note, satisfaction: d.satisfaction };
  }
}
