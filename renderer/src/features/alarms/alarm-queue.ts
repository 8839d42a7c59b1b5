// Pure rules of the pop-up queue: which alarms wait for an operator (new ones; acknowledged, dismissed, resolved and
// converted ones leave), in which order, and which one the pop-up shows as the queue changes under it.
import { SEVERITY_RANK, type AlarmDto } from '../../../../contracts/src/alarm';

/** Alarms waiting for someone: state `new`, most severe first, then oldest first. */
export function queueOf(byId: ReadonlyMap<string, AlarmDto>): AlarmDto[] {
  return [...byId.values()]
    .filter((a) => a.state === 'new')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.firstAt.localeCompare(b.firstAt) || a.id.localeCompare(b.id));
}

/**
 * The alarm to show after the queue changed. The one shown stays (a new arrival never yanks it away); when it left the
 * queue, the one that took its place (same position, or the last), so "acknowledge" moves on to the next.
 */
export function nextCurrent(prevIds: readonly string[], nextIds: readonly string[], currentId: string | null): string | null {
  if (nextIds.length === 0) return null;
  if (currentId !== null && nextIds.includes(currentId)) return currentId;
  if (currentId === null) return nextIds[0]!;
  const at = prevIds.indexOf(currentId);
  // Walk the old order from the removed one: the first that is still queued.
  if (at >= 0) for (let i = at + 1; i < prevIds.length; i++) if (nextIds.includes(prevIds[i]!)) return prevIds[i]!;
  return nextIds[Math.min(Math.max(at, 0), nextIds.length - 1)]!;
}

/** Next / previous in the queue, wrapping around. */
export function stepQueue(ids: readonly string[], currentId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = currentId === null ? -1 : ids.indexOf(currentId);
  if (at < 0) return ids[0]!;
  return ids[(at + step + ids.length) % ids.length]!;
}
