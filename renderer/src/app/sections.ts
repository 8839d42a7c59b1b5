import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../../../contracts/src/permissions';
import type { SectionProps } from '../components/section-props';
import type { MessageKey } from '../i18n/translate';

/**
 * Sections of the console beyond the wall and the map (alarms, incidents, statistics, devices, administration).
 * Each feature registers its page here with the permission that shows it; the shell lists them in the view switch
 * in this order. Pages are lazy so the wall does not load code it does not need.
 */
export interface SectionDef {
  id: string;
  labelKey: MessageKey;
  permission: Permission;
  /** Keep the camera tree on the left (pages about cameras); otherwise the page takes the full width. */
  withTree?: boolean;
  component: LazyExoticComponent<ComponentType<SectionProps>>;
}

export const SECTIONS: SectionDef[] = [
  { id: 'alarms', labelKey: 'alarms.section', permission: 'alarm.read', component: lazy(() => import('../features/alarms/AlarmsPage').then((m) => ({ default: m.AlarmsPage }))) },
  { id: 'incidents', labelKey: 'incidents.section', permission: 'incident.read', component: lazy(() => import('../features/incidents/IncidentsPage').then((m) => ({ default: m.IncidentsPage }))) },
  { id: 'statistics', labelKey: 'statistics.section', permission: 'incident.read', component: lazy(() => import('../features/statistics/StatisticsPage').then((m) => ({ default: m.StatisticsPage }))) },
  { id: 'devices', labelKey: 'section.devices', permission: 'camera.write', withTree: true, component: lazy(() => import('../features/devices/DevicesSection')) },
  // 未查看点位: the viewing-coverage report (cameras nobody looked at)
  { id: 'camera-views', labelKey: 'cameraViews.section', permission: 'report.read', component: lazy(() => import('../features/statistics/CameraViewsPage')) },
  { id: 'health', labelKey: 'section.health', permission: 'report.read', component: lazy(() => import('../features/devices/HealthSection')) },
  // 大屏设置 (desktop shell displays, issue 13): explains itself in a browser, where there is no shell.
  { id: 'displays', labelKey: 'desktop.section', permission: 'wall.control', component: lazy(() => import('../features/desktop/DisplaySettingsPage')) },
  // 回放 (issue 14): recordings of up to four cameras in sync; picks cameras in its own tree
  { id: 'playback', labelKey: 'playback.section', permission: 'camera.playback', component: lazy(() => import('../features/playback/PlaybackPage')) },
  { id: 'admin', labelKey: 'admin.section', permission: 'user.manage', component: lazy(() => import('../features/admin/AdminPage')) },
];
