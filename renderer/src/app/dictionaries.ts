// The console's dictionaries: i18n/'s own strings plus each feature's table. Assembled here, in the app layer, so
// i18n/ (lookup, language switch, formatting) depends on no feature.
import { en as coreEn } from '../i18n/en';
import type { Dictionaries } from '../i18n/translate';
import { zhCN as coreZhCN } from '../i18n/zh-CN';
import { adminEn, adminZhCN } from '../features/admin/admin-strings';
import { alarmEn, alarmZhCN } from '../features/alarms/alarm-strings';
import { devicesEn, devicesZhCN } from '../features/devices/device-strings';
import { incidentsEn, incidentsZhCN } from '../features/incidents/incident-strings';
// 待我处理 (incident to-do badge and notices)
import { incidentTodoEn, incidentTodoZhCN } from '../features/incidents/incident-todo-strings';
import { mapEn, mapZhCN } from '../features/map/map-strings';
// 未查看点位 (camera viewing report)
import { cameraViewsEn, cameraViewsZhCN } from '../features/statistics/camera-views-strings';
import { ptzEn, ptzZhCN } from '../features/ptz/ptz-strings';
// 回放 and the recording plan (issue 14)
import { playbackEn, playbackZhCN } from '../features/playback/playback-strings';
import { wallEn, wallZhCN } from '../features/wall/wall-strings';
// 大屏设置 (desktop shell displays, issue 13)
import { desktopEn, desktopZhCN } from '../features/desktop/desktop-strings';

export const zhCN = {
  ...coreZhCN,
  ...adminZhCN,
  ...mapZhCN,
  ...wallZhCN,
  ...devicesZhCN,
  ...alarmZhCN,
  ...incidentsZhCN,
  // 待我处理 (incident to-do badge and notices)
  ...incidentTodoZhCN,
  // 未查看点位 (camera viewing report)
  ...cameraViewsZhCN,
  ...ptzZhCN,
  // 大屏设置 (desktop shell displays, issue 13)
  ...desktopZhCN,
  // 回放 and the recording plan (issue 14)
  ...playbackZhCN,
} as const;

type AppMessageKey = keyof typeof zhCN;

declare module '../i18n/messages' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the key list, registered for i18n/
  interface Messages extends Record<AppMessageKey, string> {}
}

export const en: Record<AppMessageKey, string> = {
  ...coreEn,
  ...adminEn,
  ...mapEn,
  ...wallEn,
  ...devicesEn,
  ...alarmEn,
  ...incidentsEn,
  // 待我处理 (incident to-do badge and notices)
  ...incidentTodoEn,
  // 未查看点位 (camera viewing report)
  ...cameraViewsEn,
  ...ptzEn,
  // 大屏设置 (desktop shell displays, issue 13)
  ...desktopEn,
  // 回放 and the recording plan (issue 14)
  ...playbackEn,
};

export const DICTIONARIES: Dictionaries = { 'zh-CN': zhCN, en };
