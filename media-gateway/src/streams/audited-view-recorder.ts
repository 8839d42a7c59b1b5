import type { Repositories } from '../db/repositories';
import type { ViewRecorder } from './stream-types';

/** Viewing records plus the audit of live viewing: who watched which camera, from where, for how long. */
export function auditedViewRecorder(repos: Pick<Repositories, 'users' | 'audit' | 'views'>): ViewRecorder {
  const open = new Map<number, { userId: string; username: string | null; cameraId: string; profile: string; ip: string | null; startedAt: number }>();
  return {
    start: (cameraId, profile, viewer, at) => {
      const username = repos.users.get(viewer.userId)?.username ?? null;
      repos.audit.append({ userId: viewer.userId, username, action: 'live.view-start', targetType: 'camera', targetId: cameraId, outcome: 'ok', ip: viewer.ip, details: { profile } });
      const handle = repos.views.start({ userId: viewer.userId, cameraId, profile, ip: viewer.ip, startedAt: at });
      open.set(handle, { userId: viewer.userId, username, cameraId, profile, ip: viewer.ip, startedAt: at });
      return handle;
    },
    end: (handle, at) => {
      repos.views.end(handle, at);
      const v = open.get(handle);
      open.delete(handle);
      if (v) repos.audit.append({ userId: v.userId, username: v.username, action: 'live.view-stop', targetType: 'camera', targetId: v.cameraId, outcome: 'ok', ip: v.ip, details: { profile: v.profile, seconds: Math.round((at - v.startedAt) / 1000) } });
    },
  };
}
