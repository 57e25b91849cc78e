import { Conflict } from '../errors.js';
import type { AgencyId } from '../request-context.js';
import type { SqlDb } from '../sql/index.js';
import { adminsLock, prepareUser, UserStore, type User } from './users.js';

/**
 * Bootstraps an agency: its first admin, who then creates everyone else through the admin API.
 * Refuses when the agency has an admin already, so the command cannot be used to take over an
 * agency that is running.
 */
export async function createFirstAdmin(input: { db: SqlDb; agency: AgencyId; username: string; password: string; displayName?: string }): Promise<User> {
  const users = await UserStore.open(input.db);
  const refuse = () =>
    new Conflict(
      'admin_exists',
      `${input.agency} 已有管理员，请由其在系统中创建新用户`,
      `${input.agency} already has an admin; ask them to create new users in the system`,
    );
  if (await users.hasAdmin(input.agency)) throw refuse();
  const row = await prepareUser({
    agency: input.agency,
    username: input.username,
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    password: input.password,
    roles: ['admin'],
  });
  // Checked again under the agency's admins lock: two runs at once (or a run beside a running replica) must not both succeed.
  return input.db.transaction(async (tx) => {
    await tx.lock(adminsLock(input.agency));
    if (await users.hasAdmin(input.agency, tx)) throw refuse();
    return users.insert(row, tx);
  });
}
