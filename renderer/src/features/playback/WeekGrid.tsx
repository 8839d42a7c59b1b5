import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { paintWeek, SLOTS, type Cell } from './recording-plan-form';

export interface WeekGridProps {
  week: boolean[][];
  onChange: (week: boolean[][]) => void;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Monday–Sunday × 48 half-hours: click a cell to toggle it, drag to fill (or clear) a rectangle. */
export function WeekGrid({ week, onChange }: WeekGridProps) {
  const t = useT();
  // The drag in progress: where it began, the value it paints, and the grid as it was before it.
  const [drag, setDrag] = useState<{ from: Cell; value: boolean; base: boolean[][] } | null>(null);
  const over = (cell: Cell) => drag && onChange(paintWeek(drag.base, drag.from, cell, drag.value));
  return (
    <div className="rec-week" data-testid="recording-week" onPointerUp={() => setDrag(null)} onPointerLeave={() => setDrag(null)}>
      <span />
      {HOURS.map((h) => (
        <span key={h} className="rec-week-hour">
          {h % 3 === 0 ? String(h).padStart(2, '0') : ''}
        </span>
      ))}
      {week.map((slots, day) => [
        <span key={`d${day}`} className="rec-week-day">
          {t(`recording.day.${day}` as 'recording.day.0')}
        </span>,
        ...slots.slice(0, SLOTS).map((on, slot) => (
          <span
            key={`${day}-${slot}`}
            className={on ? 'rec-week-cell on' : 'rec-week-cell'}
            data-day={day}
            data-slot={slot}
            data-on={on ? '1' : '0'}
            onPointerDown={(e) => {
              e.preventDefault();
              const from = { day, slot };
              setDrag({ from, value: !on, base: week });
              onChange(paintWeek(week, from, from, !on));
            }}
            onPointerEnter={() => over({ day, slot })}
          />
        )),
      ])}
    </div>
  );
}
