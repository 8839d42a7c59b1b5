import type { Role } from './auth';

/** What a role may do. The scope (which org-unit subtree) is a second, separate check. */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'camera.read',
  'camera.write',
  'camera.live',
  'camera.live-main',
  /** Steer PTZ cameras (pan/tilt/zoom, presets) in one's camera scope. */
  'camera.ptz',
  /** Play back recordings of cameras in one's scope. */
  'camera.playback',
  /** Export recorded clips as evidence (MP4 with its SHA-256) of cameras in one's scope. */
  'camera.export',
  'stream.read',
  'layout.share',
  'wall.control',
  'report.read',
  'user.manage',
  'audit.read',
  'alarm.read',
  /** Acknowledge, assign, dismiss, resolve alarms. */
  'alarm.act',
  /** Create and revoke the API keys of external alarm sources. */
  'alarm-source.manage',
  'discovery.run',
  'incident.read',
  /** Create, analyse (研判), dispatch (分流转办), close (办结), supervise (督办), return visit (回访). */
  'incident.write',
  /** Handle and feed back (处置反馈) incidents dispatched to one's own unit; create in one's own scope. */
  'incident.handle',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  'county-operator': ['org.read', 'camera.read', 'camera.live', 'camera.live-main', 'camera.ptz', 'camera.playback', 'camera.export', 'stream.read', 'layout.share', 'wall.control', 'report.read', 'alarm.read', 'alarm.act', 'incident.read', 'incident.write', 'incident.handle'],
  'township-officer': ['org.read', 'camera.read', 'camera.live', 'camera.live-main', 'camera.ptz', 'camera.playback', 'camera.export', 'stream.read', 'report.read', 'alarm.read', 'alarm.act', 'incident.read', 'incident.handle'],
  technician: ['org.read', 'org.write', 'camera.read', 'camera.write', 'camera.live', 'camera.live-main', 'camera.ptz', 'camera.playback', 'stream.read', 'report.read', 'discovery.run', 'alarm.read', 'incident.read'],
  viewer: ['org.read', 'camera.read', 'camera.live', 'alarm.read', 'incident.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
