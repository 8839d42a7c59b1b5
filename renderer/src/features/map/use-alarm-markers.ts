// Alarm markers on the camera map: one red pulsing marker per open alarm that has a position (the camera's, else its
// org unit's), in their own pane above the camera clusters; a click opens that alarm in the pop-up. Fed by the alarm
// centre (features/alarms); outside the console shell (no alarm centre) it draws nothing.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AlarmDto } from '../../../../contracts/src/alarm';
import { useT } from '../../i18n/use-t';
import { useAlarmCentre, useAlarmSync, typeLabel, openAlarms, alarmTitleText } from '../alarms';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';

export const ALARM_PANE = 'alarm-markers';

function alarmIcon(alarm: AlarmDto, title: string): Lf.DivIcon {
  const el = document.createElement('div');
  el.className = `map-alarm severity-${alarm.severity}`;
  el.dataset.testid = 'map-alarm';
  el.dataset.alarmId = alarm.id;
  el.dataset.cameraId = alarm.cameraId ?? '';
  el.title = title;
  const ring = document.createElement('span');
  ring.className = 'map-alarm-ring';
  const dot = document.createElement('span');
  dot.className = 'map-alarm-dot';
  el.append(ring, dot);
  return L.divIcon({ html: el, className: 'map-alarm-icon', iconSize: [22, 22], iconAnchor: [11, 11] });
}

/**
 * Keeps the alarm markers in step with the open alarms. Returns their layer group (on the map until the layer
 * control's 告警 overlay is switched off) and how many there are.
 */
export function useAlarmMarkers(map: Lf.Map | null): { group: Lf.LayerGroup | null; count: number } {
  const [group, setGroup] = useState<Lf.LayerGroup | null>(null);
  const t = useT();
  const title = useCallback((a: AlarmDto) => `${typeLabel(t, a.type)} · ${alarmTitleText(t, a).text}`, [t]);
  const centre = useAlarmCentre();
  const sync = useAlarmSync(centre?.store);
  const open = useMemo(() => (sync ? openAlarms(sync.byId).filter((a) => a.lat !== null && a.lng !== null) : []), [sync]);
  const markers = useRef(new Map<string, { marker: Lf.Marker; key: string }>());
  const openRef = useRef(centre?.openAlarm);
  useEffect(() => {
    openRef.current = centre?.openAlarm;
  }, [centre?.openAlarm]);
  const titleRef = useRef(title);
  useEffect(() => {
    titleRef.current = title;
  }, [title]);

  useEffect(() => {
    if (!map) return;
    if (!map.getPane(ALARM_PANE)) map.createPane(ALARM_PANE).style.zIndex = '640';
    const g = L.layerGroup().addTo(map);
    setGroup(g);
    const current = markers.current;
    return () => {
      g.remove();
      current.clear();
      setGroup(null);
    };
  }, [map]);

  useEffect(() => {
    if (!group) return;
    const current = markers.current;
    const seen = new Set<string>();
    for (const a of open) {
      seen.add(a.id);
      const key = `${a.lat},${a.lng},${a.severity},${a.state},${a.count}`;
      const entry = current.get(a.id);
      if (entry && entry.key === key) continue;
      if (entry) group.removeLayer(entry.marker);
      const marker = L.marker([a.lat!, a.lng!], { icon: alarmIcon(a, titleRef.current(a)), pane: ALARM_PANE, keyboard: true, riseOnHover: true, zIndexOffset: 1000 });
      marker.on('click', () => openRef.current?.(a.id));
      group.addLayer(marker);
      current.set(a.id, { marker, key });
    }
    for (const [id, entry] of current) {
      if (seen.has(id)) continue;
      group.removeLayer(entry.marker);
      current.delete(id);
    }
  }, [group, open]);

  return { group, count: open.length };
}
