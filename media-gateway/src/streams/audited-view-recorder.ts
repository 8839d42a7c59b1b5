import type { Repositories } from '../db/repositories';
import type { StorageGuard } from '../db/storage-guard';
import type { ViewRecorder } from './stream-types';

/**
 * Viewing records plus the audit of live viewing: who watched which camera, from where, for how long. Each record
 * and its audit row commit together. The start runs in a viewer's request (a locked database answers 503); the end
 * runs from the idle sweep, so it goes through the storage guard when there is one.
 */
export function auditedViewRecorder(repos: Pick<Repositories, 'users' | 'audit' | 'views'>, guard?: StorageGuard): ViewRecorder {
  const open = new Map<number, { userId: string; username: string | null; cameraId: string; profile: string; ip: string | null; startedAt: number }>();
  return {
    start: (cameraId, profile, viewer, at) => {
      const username = repos.users.get(viewer.userId)?.username ?? null;
      const handle = repos.audit.recorded(
        () => repos.views.start({ userId: viewer.userId, cameraId, profile, ip: viewer.ip, startedAt: at }),
        { userId: viewer.userId, username, action: 'live.view-start', targetType: 'camera', targetId: cameraId, outcome: 'ok', ip: viewer.ip, details: { profile } },
      );
      open.set(handle, { userId: viewer.userId, username, cameraId, profile, ip: viewer.ip, startedAt: at });
      return handle;
    },
    end: (handle, at) => {
      const v = open.get(handle);
      open.delete(handle);
      const write = () =>
        repos.audit.recorded(
          () => repos.views.end(handle, at),
          v ? { userId: v.userId, username: v.username, action: 'live.view-stop', targetType: 'camera', targetId: v.cameraId, outcome: 'ok', ip: v.ip, details: { profile: v.profile, seconds: Math.round((at - v.startedAt) / 1000) } } : null,
        );
      if (guard) guard.run(null, write);
      else write();
    },
  };
}
