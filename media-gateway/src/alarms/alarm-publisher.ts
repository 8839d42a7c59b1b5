import type { AlarmDto, AlarmTopicEvent } from '../../../contracts/src/alarm';
import type { Db } from '../db/connection';
import type { LayoutRepository } from '../db/layout-repository';
import type { WallRepository } from '../db/wall-repository';
import type { Clock, TimerHandle } from '../platform/clock';
import type { EventHub } from '../realtime/event-hub';

export const ALARM_TOPIC = 'alarms';

/**
 * Puts alarms on the WebSocket: `created` / `updated` with the whole AlarmDto, scoped by the alarm's org unit.
 * - Always the alarm as committed: inside a caller's transaction (an incident that converts an alarm) the event is
 *   sent once that transaction has finished, re-reading the row, so a rolled-back change is never announced.
 * - A storm of coalesced repeats is pushed at most once per `throttleMs` per alarm (the latest count), so a burst
 *   does not flood consoles or push older events out of the hub's replay buffer.
 */
export class AlarmPublisher {
  private readonly throttled = new Map<string, TimerHandle>();
  private readonly createdListeners = new Set<(alarm: AlarmDto) => void>();

  constructor(
    private readonly db: Db,
    private readonly hub: EventHub,
    private readonly clock: Clock,
    private readonly load: (id: string) => AlarmDto | null,
    private readonly walls: { layouts: Pick<LayoutRepository, 'get'>; walls: Pick<WallRepository, 'get' | 'upsert'> },
    private readonly throttleMs: number,
  ) {}

  created(id: string): void {
    this.afterCommit(() => {
      const alarm = this.load(id);
      if (!alarm) return;
      this.send('created', alarm);
      this.pushToWalls(alarm);
      for (const l of this.createdListeners) l(alarm);
    });
  }

  /** A new alarm was committed (the recorder takes its clip). */
  onCreated(listener: (alarm: AlarmDto) => void): void {
    this.createdListeners.add(listener);
  }

  updated(id: string): void {
    // Inside a transaction: announce only if the row still reads as it did here (not rolled back).
    const seen = this.db.inTransaction ? JSON.stringify(this.load(id)) : null;
    this.afterCommit(() => {
      const alarm = this.load(id);
      if (alarm && (seen === null || JSON.stringify(alarm) === seen)) this.send('updated', alarm);
    });
  }

  /** A coalesced repeat: pushed after `throttleMs` with whatever the count is by then. */
  repeated(id: string): void {
    if (this.throttleMs <= 0) return this.updated(id);
    if (this.throttled.has(id)) return;
    this.throttled.set(
      id,
      this.clock.setTimeout(() => {
        this.throttled.delete(id);
        this.updated(id);
      }, this.throttleMs),
    );
  }

  /** Sends what is still pending (before the database closes). */
  flush(): void {
    for (const [id, timer] of this.throttled) {
      this.clock.clearTimeout(timer);
      const alarm = this.load(id);
      if (alarm) this.send('updated', alarm);
    }
    this.throttled.clear();
  }

  private afterCommit(fn: () => void): void {
    if (this.db.inTransaction) setImmediate(fn);
    else fn();
  }

  private send(kind: AlarmTopicEvent['kind'], alarm: AlarmDto): void {
    const data: AlarmTopicEvent = { kind, alarm };
    this.hub.publish(ALARM_TOPIC, data, alarm.orgUnitId);
  }

  /**
   * Rules that name a wall: the wall shows the rule's layout (stored as the wall's layout, as a wall command does),
   * or, without a layout, the alarm's camera. `alarmId` and `interruptTour` let the wall pause a running tour and
   * resume it once the alarm is acknowledged.
   */
  private pushToWalls(alarm: AlarmDto): void {
    const done = new Set<string>();
    for (const action of alarm.actions) {
      if (!action.wallId || done.has(action.wallId)) continue;
      done.add(action.wallId);
      const extra = { by: 'alarm', alarmId: alarm.id, interruptTour: action.interruptTour };
      const layout = action.layoutId ? this.walls.layouts.get(action.layoutId) : null;
      if (layout) {
        this.walls.walls.upsert(action.wallId, this.walls.walls.get(action.wallId)?.name ?? action.wallId, layout.id);
        this.hub.publish(`wall:${action.wallId}`, { type: 'show-layout', layoutId: layout.id, layout, ...extra }, alarm.orgUnitId);
      } else if (alarm.cameraId) {
        this.hub.publish(`wall:${action.wallId}`, { type: 'show-camera', cameraId: alarm.cameraId, cell: 0, ...extra }, alarm.orgUnitId);
      }
    }
  }
}
