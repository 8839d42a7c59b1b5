import { useRef, useState, type PointerEvent } from 'react';
import { useI18n } from '../../i18n/use-t';
import { formatDateTime } from '../../i18n/date-format';
import { typeLabel } from '../alarms';
import type { TimelineAlarm } from './playback-api';
import { markerSpots, rangeSpans, snapToRecording, timeToPct, viewRange, viewTicks, xToTime, ZOOMS, type TimeRange } from './timeline-geometry';

export interface DayTimelineProps {
  cameraId: string;
  name: string;
  day: TimeRange;
  ranges: readonly TimeRange[];
  cursorMs: number | null;
  /** Index into ZOOMS: the whole day, an hour or ten minutes around the cursor. */
  zoom: number;
  onSeek: (atMs: number) => void;
  /** Alarms on this camera: a marker each; a click plays from 10 s before it. */
  alarms?: readonly TimelineAlarm[];
}

/** Playback from an alarm marker starts this long before the alarm (as from the alarm pop-up). */
const BEFORE_ALARM_MS = 10_000;

/** A click this many pixels from a recorded range lands in it. */
const SNAP_PX = 4;

/** 00:00–24:00 of one camera: recorded ranges filled, gaps empty, the shared cursor; click or drag to seek. */
export function DayTimeline({ cameraId, name, day, ranges, cursorMs, zoom, onSeek, alarms = [] }: DayTimelineProps) {
  const { t, lang } = useI18n();
  const bar = useRef<HTMLDivElement>(null);
  // While dragging, the cursor follows the pointer; the players seek once, where it is let go.
  const [dragMs, setDragMs] = useState<number | null>(null);
  const level = ZOOMS[zoom] ?? ZOOMS[0];
  const view = viewRange(day, cursorMs, level.spanMs);
  const at = (e: PointerEvent<HTMLDivElement>) => {
    const box = bar.current!.getBoundingClientRect();
    return xToTime(e.clientX - box.left, box.width, view);
  };
  const shown = dragMs ?? cursorMs;
  return (
    <div className="pb-timeline" data-testid={`playback-timeline-${cameraId}`}>
      <div
        ref={bar}
        className="pb-timeline-bar"
        role="slider"
        aria-label={t('playback.timeline', { name })}
        aria-valuemin={view.startMs}
        aria-valuemax={view.endMs}
        aria-valuenow={shown ?? undefined}
        title={t('playback.seekHint')}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragMs(at(e));
        }}
        onPointerMove={(e) => dragMs !== null && setDragMs(at(e))}
        onPointerUp={(e) => {
          if (dragMs === null) return;
          setDragMs(null);
          const width = bar.current!.getBoundingClientRect().width;
          onSeek(snapToRecording(ranges, at(e), width > 0 ? (SNAP_PX * (view.endMs - view.startMs)) / width : 0));
        }}
        onPointerCancel={() => setDragMs(null)}
      >
        {rangeSpans(ranges, view).map((s) => (
          <span key={s.leftPct} className="pb-range" data-testid="playback-range" title={t('playback.recorded')} style={{ left: `${s.leftPct}%`, width: `${s.widthPct}%` }} />
        ))}
        {shown !== null && shown >= view.startMs && shown < view.endMs && <span className="pb-cursor" style={{ left: `${timeToPct(shown, view)}%` }} />}
        {markerSpots(alarms, view).map((a) => {
          const label = t('playback.alarmMarker', { type: typeLabel(t, a.type), time: formatDateTime(a.atMs, lang, { seconds: true }) });
          return (
            <button
              key={a.id}
              type="button"
              className={`pb-alarm pb-alarm-${a.severity}`}
              data-testid="playback-alarm-marker"
              style={{ left: `${a.pct}%` }}
              title={label}
              aria-label={label}
              // Its own click, not a seek where the pointer is: the bar must not see the press.
              onPointerDown={(e) => e.stopPropagation()}
              onClick={() => onSeek(a.atMs - BEFORE_ALARM_MS)}
            />
          );
        })}
      </div>
      <div className="pb-ticks" aria-hidden="true">
        {viewTicks(view, level.tickMs, day.startMs).map((tick) => (
          <span key={tick.label} style={{ left: `${tick.pct}%`, transform: tick.pct < 2 ? 'none' : tick.pct > 98 ? 'translateX(-100%)' : undefined }}>
            {tick.label}
          </span>
        ))}
      </div>
    </div>
  );
}
