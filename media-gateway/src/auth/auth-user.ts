import type { Role } from '../../../contracts/src/auth';

/** The caller as the guard established it. `orgUnitId` null means the whole county. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  /** An administrator set the password: only the session and password-change routes answer until it is changed. */
  mustChangePassword?: boolean;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}
