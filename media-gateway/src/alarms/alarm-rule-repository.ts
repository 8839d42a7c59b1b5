import type { AlarmRuleCreate, AlarmRuleDto } from '../../../contracts/src/alarm';
import type { Db } from '../db/connection';

interface Row {
  id: string;
  name: string;
  enabled: number;
  alarm_type: string | null;
  org_unit_id: string | null;
  min_severity: AlarmRuleDto['minSeverity'];
  layout_id: string | null;
  wall_id: string | null;
  interrupt_tour: number;
  sound: AlarmRuleDto['sound'];
  created_at: number;
  updated_at: number;
}

const toDto = (r: Row): AlarmRuleDto => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled === 1,
  alarmType: r.alarm_type,
  orgUnitId: r.org_unit_id,
  minSeverity: r.min_severity,
  layoutId: r.layout_id,
  wallId: r.wall_id,
  interruptTour: r.interrupt_tour === 1,
  sound: r.sound,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Response plans (预案). A handful per site: read whole for every new alarm. */
export class AlarmRuleRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  list(): AlarmRuleDto[] {
    return (this.db.prepare('SELECT * FROM alarm_rules ORDER BY name, id').all() as Row[]).map(toDto);
  }

  get(id: string): AlarmRuleDto | null {
    const row = this.db.prepare('SELECT * FROM alarm_rules WHERE id = ?').get(id) as Row | undefined;
    return row ? toDto(row) : null;
  }

  save(id: string, r: AlarmRuleCreate, userId: string | null): AlarmRuleDto {
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO alarm_rules (id, name, enabled, alarm_type, org_unit_id, min_severity, layout_id, wall_id, interrupt_tour, sound, created_by, created_at, updated_at)
         VALUES (@id, @name, @enabled, @alarmType, @orgUnitId, @minSeverity, @layoutId, @wallId, @interruptTour, @sound, @userId, @t, @t)
         ON CONFLICT(id) DO UPDATE SET name = @name, enabled = @enabled, alarm_type = @alarmType, org_unit_id = @orgUnitId, min_severity = @minSeverity,
           layout_id = @layoutId, wall_id = @wallId, interrupt_tour = @interruptTour, sound = @sound, updated_at = @t`,
      )
      .run({ ...r, id, enabled: r.enabled ? 1 : 0, interruptTour: r.interruptTour ? 1 : 0, userId, t });
    return this.get(id)!;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM alarm_rules WHERE id = ?').run(id).changes === 1;
  }

  /** The org unit and its ancestors up to the root, nearest first (what matchRules needs). */
  orgUnitAncestors(orgUnitId: string): string[] {
    return (
      this.db
        .prepare(
          `WITH RECURSIVE up(id, parent_id, depth) AS (SELECT id, parent_id, 0 FROM org_units WHERE id = ?
             UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.id = up.parent_id WHERE up.depth < 32)
           SELECT id FROM up ORDER BY depth`,
        )
        .all(orgUnitId) as Array<{ id: string }>
    ).map((r) => r.id);
  }
}
