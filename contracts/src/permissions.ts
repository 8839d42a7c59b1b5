import type { Role } from './auth';

/** What a role may do. The scope (which org-unit subtree) is a second, separate check. */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'camera.read',
  'camera.write',
  'camera.live',
  'camera.live-main',
  'stream.read',
  'layout.share',
  'wall.control',
  'report.read',
  'user.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  'county-operator': ['org.read', 'camera.read', 'camera.live', 'camera.live-main', 'stream.read', 'layout.share', 'wall.control', 'report.read'],
  'township-officer': ['org.read', 'camera.read', 'camera.live', 'camera.live-main', 'stream.read', 'report.read'],
  technician: ['org.read', 'org.write', 'camera.read', 'camera.write', 'camera.live', 'camera.live-main', 'stream.read', 'report.read'],
  viewer: ['org.read', 'camera.read', 'camera.live'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
