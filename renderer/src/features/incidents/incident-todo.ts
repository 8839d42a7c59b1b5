// 待我处理 (pure): which incidents wait for this user's step, the top bar's count, and the notices for new ones.
// The gateway's `?todo=true` list seeds it; pushed incidents join or leave by the shared rule (contracts waitsFor).
// A notice is raised once per incident entering the to-do while the console is open (a duplicate push, or any later
// change while it stays waiting, raises nothing), and once more when the county supervises (督办) a waiting one.
import type { IncidentDto, IncidentTopicEvent } from '../../../../contracts/src/incident';
import { waitsFor, type TodoViewer } from '../../../../contracts/src/incident-todo';

export type TodoNoticeKind = 'new' | 'supervised';

export interface TodoNotice {
  /** Unique per notice: incident id, kind and the incident's updatedAt. */
  key: string;
  kind: TodoNoticeKind;
  incidentId: string;
  code: string;
  title: string;
}

export interface TodoState {
  /** Waiting incidents known to the console, by id → updatedAt (ms). */
  waiting: ReadonlyMap<string, number>;
  /** Waiting incidents beyond the seeded page (the gateway's total minus what it listed). */
  unlisted: number;
  notices: readonly TodoNotice[];
  loaded: boolean;
}

export const INITIAL_TODO: TodoState = { waiting: new Map(), unlisted: 0, notices: [], loaded: false };
/** Notices kept at once; older ones fall off (the badge still counts them). */
export const MAX_NOTICES = 3;

export const todoCount = (s: TodoState): number => s.waiting.size + s.unlisted;

const notice = (kind: TodoNoticeKind, i: IncidentDto): TodoNotice => ({ key: `${i.id}:${kind}:${i.updatedAt}`, kind, incidentId: i.id, code: i.code, title: i.title });

/**
 * The gateway's answer to `?todo=true`: what waits now. The first load is not news (the badge counts it); a later
 * one (after a resync or while polling) announces what joined since, which pushes would have announced.
 */
export function seedTodo(s: TodoState, items: readonly IncidentDto[], total: number): TodoState {
  const waiting = new Map(items.map((i) => [i.id, Date.parse(i.updatedAt)]));
  const kept = s.notices.filter((n) => waiting.has(n.incidentId));
  const joined = s.loaded ? items.filter((i) => !s.waiting.has(i.id)).map((i) => notice('new', i)) : [];
  return { waiting, unlisted: Math.max(0, total - items.length), notices: [...kept, ...joined].slice(-MAX_NOTICES), loaded: true };
}


/**
 * A pushed incident: joins (notice 'new'), stays, or leaves the to-do. Older or repeated pushes change nothing (the
 * gateway may push one change twice). Before the first load nothing is noticed: the load brings the truth. An
 * incident the viewer just created themselves (`selfId`) is counted but not announced to them.
 */
export function applyTodoEvent(s: TodoState, e: IncidentTopicEvent, viewer: TodoViewer, within: (unit: string, ancestor: string) => boolean, selfId: string | null = null): TodoState {
  if (!s.loaded) return s;
  const i = e.incident;
  const at = Date.parse(i.updatedAt);
  const known = s.waiting.get(i.id);
  if (known !== undefined && at <= known) return s;
  const waits = waitsFor(viewer, i, within);
  if (!waits && known === undefined) return s;
  const waiting = new Map(s.waiting);
  if (!waits) {
    waiting.delete(i.id);
    return { ...s, waiting, notices: s.notices.filter((n) => n.incidentId !== i.id) };
  }
  waiting.set(i.id, at);
  const own = e.action === 'create' && selfId !== null && i.createdBy === selfId;
  const kind: TodoNoticeKind | null = known === undefined ? (own ? null : 'new') : e.action === 'supervise' || e.action === 'escalate' ? 'supervised' : null;
  if (!kind) return { ...s, waiting };
  const notices = [...s.notices.filter((n) => n.incidentId !== i.id), notice(kind, i)].slice(-MAX_NOTICES);
  return { ...s, waiting, notices };
}

export function dismissNotice(s: TodoState, key: string): TodoState {
  return s.notices.some((n) => n.key === key) ? { ...s, notices: s.notices.filter((n) => n.key !== key) } : s;
}

/** The to-do list request: the first page is enough to count and to recognise pushes (the rest is `unlisted`). */
export const TODO_QUERY = 'todo=true&limit=500';
