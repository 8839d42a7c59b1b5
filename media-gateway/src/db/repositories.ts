import type { Db } from './connection';
import { AuditRepository } from './audit-repository';
import { CameraRepository } from './camera-repository';
import { LayoutRepository } from './layout-repository';
import { OrgUnitRepository } from './org-unit-repository';
import { SessionRepository } from './session-repository';
import { TourRepository } from './tour-repository';
import { UserRepository } from './user-repository';
import { ViewSessionRepository } from './view-session-repository';
import { WallRepository } from './wall-repository';

export interface Repositories {
  cameras: CameraRepository;
  orgUnits: OrgUnitRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  layouts: LayoutRepository;
  tours: TourRepository;
  walls: WallRepository;
  views: ViewSessionRepository;
}

/** One repository per table group; leftovers of a crash (open viewing records, expired sessions) are tidied. */
export function createRepositories(db: Db, now: () => number): Repositories {
  const repos: Repositories = {
    cameras: new CameraRepository(db, now),
    orgUnits: new OrgUnitRepository(db, now),
    users: new UserRepository(db, now),
    sessions: new SessionRepository(db),
    audit: new AuditRepository(db, now),
    layouts: new LayoutRepository(db, now),
    tours: new TourRepository(db, now),
    walls: new WallRepository(db, now),
    views: new ViewSessionRepository(db),
  };
  repos.views.closeDangling();
  repos.sessions.deleteExpired(now());
  return repos;
}
