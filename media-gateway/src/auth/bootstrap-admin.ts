import { randomBytes, randomUUID } from 'node:crypto';
import type { UserRepository } from '../db/user-repository';
import type { PasswordHasher } from '../security/password-hasher';

/**
 * There is no default password. The first admin's password comes from ADMIN_PASSWORD on first run, or is
 * generated and printed once to the console (not to the log file).
 */
export async function ensureFirstAdmin(
  users: UserRepository,
  hasher: PasswordHasher,
  env: NodeJS.ProcessEnv,
  announce: (text: string) => void,
): Promise<{ created: boolean; generated: boolean }> {
  if (users.count() > 0) return { created: false, generated: false };
  const fromEnv = env.ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv.length < 8) throw new Error('ADMIN_PASSWORD must be at least 8 characters');
  const password = fromEnv ?? randomBytes(12).toString('base64url');
  users.create({ id: randomUUID(), username: 'admin', displayName: '系统管理员', passwordHash: await hasher.hash(password), role: 'admin', orgUnitId: null });
  if (!fromEnv) announce(`First start: created user "admin" with password ${password}  (shown once; change it after logging in)`);
  return { created: true, generated: !fromEnv };
}
