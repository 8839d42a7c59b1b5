import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import type { AlarmStore } from './alarm-store';
import type { AlarmSyncState } from './alarm-sync';

/** What the alarm centre offers the rest of the console (the map's alarm markers, the alarm list). */
export interface AlarmCentreApi {
  store: AlarmStore;
  user: SessionUserDto;
  /** Shows this alarm in the pop-up (from a map marker or a list row). */
  openAlarm: (alarmId: string) => void;
  /** Switch to the map and reveal the camera. */
  showOnMap: (cameraId: string) => void;
  openSection: (id: string, params?: Record<string, string>) => void;
}

export const AlarmCentreContext = createContext<AlarmCentreApi | null>(null);

/** The alarm centre, or null outside the console shell (e.g. the wall mode). */
export function useAlarmCentre(): AlarmCentreApi | null {
  return useContext(AlarmCentreContext);
}

const noStore = { subscribe: () => () => undefined, getSnapshot: () => null };

export function useAlarmSync(store: AlarmStore | null | undefined): AlarmSyncState | null {
  const s = store ?? noStore;
  return useSyncExternalStore(s.subscribe, s.getSnapshot as () => AlarmSyncState | null);
}
