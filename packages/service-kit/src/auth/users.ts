import { randomUUID } from 'node:crypto';
import { BadRequest, Conflict } from '../errors.js';
import type { AgencyId, Role } from '../request-context.js';
import { checkPasswordPolicy, DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.js';
import { AUTH_MIGRATIONS, displayNameSchema, parseRoles, roleSchema, usernameSchema } from './schema.js';
import type { SqlDb, SqlQueries } from '../sql/index.js';
import type { User } from '../wire.js';

export type { User };

export interface NewUser {
  agency: AgencyId;
  username: string;
  displayName?: string;
  password: string;
  roles: readonly Role[];
  /** An admin chose the password: the user must change it at the first sign-in. */
  mustChangePassword?: boolean;
}

export interface UserRow {
  id: string;
  agency: AgencyId;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  created_at: string;
  disabled_at: string | null;
  must_change_password: number;
  password_changed_at: string | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  agency: r.agency,
  username: r.username,
  displayName: r.display_name,
  roles: parseRoles(r.roles),
  createdAt: r.created_at,
  disabled: r.disabled_at !== null,
  mustChangePassword: r.must_change_password === 1,
});

/** Checks a new user's fields and hashes the password; the result is ready to insert. */
export async function prepareUser(input: NewUser, params: ScryptParams = DEFAULT_SCRYPT): Promise<UserRow> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success)
    throw new BadRequest('用户名不符合要求', 'The username is not valid', [{ path: 'username', message: username.error.issues[0]!.message }]);
  const displayName = displayNameSchema.safeParse(input.displayName ?? username.data);
  if (!displayName.success) throw new BadRequest('姓名不符合要求', 'The display name is not valid', [{ path: 'displayName', message: '1–64 characters' }]);
  const roles = [...new Set(input.roles)];
  if (roles.length === 0 || !roles.every((r) => roleSchema.safeParse(r).success)) {
    throw new BadRequest('至少需要一个有效角色', 'At least one valid role is required', [{ path: 'roles', message: 'liaison, auditor, secretary or admin' }]);
  }
  checkPasswordPolicy(input.password, username.data);
  return {
    id: randomUUID(),
    agency: input.agency,
    username: username.data,
    display_name: displayName.data,
    password_hash: await hashPassword(input.password, params),
    roles: JSON.stringify(roles),
    created_at: new Date().toISOString(),
    disabled_at: null,
    must_change_password: input.mustChangePassword ? 1 : 0,
    password_changed_at: null,
  };
}

/** The agency's people, in its local database. Usernames are unique within an agency. */
export class UserStore {
  private dummyHash: Promise<string> | undefined;

  private constructor(
    readonly db: SqlDb,
    private readonly params: ScryptParams,
    /** When a user is created (the start of the password's age). */
    private readonly clock: () => Date,
  ) {}

  static async open(db: SqlDb, params: ScryptParams = DEFAULT_SCRYPT, clock: () => Date = () => new Date()): Promise<UserStore> {
    await db.migrate('auth', AUTH_MIGRATIONS);
    return new UserStore(db, params, clock);
  }

  async create(input: NewUser): Promise<User> {
    const row = await prepareUser(input, this.params);
    return this.insert({ ...row, created_at: this.clock().toISOString() });
  }

  /** Inserts a prepared row; `prepareUser` did the slow part outside any transaction. `tx`: inside the caller's transaction. */
  async insert(row: UserRow, tx: SqlQueries = this.db): Promise<User> {
    const inserted = await tx.run(
      `INSERT INTO users (id, agency, username, display_name, password_hash, roles, created_at, must_change_password)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency, username) DO NOTHING`,
      [row.id, row.agency, row.username, row.display_name, row.password_hash, row.roles, row.created_at, row.must_change_password],
    );
    if (inserted === 0) throw new Conflict('username_taken', `用户名 ${row.username} 已被使用`, `The username ${row.username} is taken`);
    return toUser(row);
  }

  async get(id: string, tx: SqlQueries = this.db): Promise<User | undefined> {
    const row = await tx.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return row && toUser(row);
  }

  async list(agency: AgencyId, tx: SqlQueries = this.db): Promise<User[]> {
    return (await tx.all<UserRow>('SELECT * FROM users WHERE agency = ? ORDER BY username', [agency])).map(toUser);
  }

  async byUsername(agency: AgencyId, username: string): Promise<User | undefined> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE agency = ? AND username = ?', [agency, username.trim().toLowerCase()]);
    return row && toUser(row);
  }

  /**
   * Why the user must choose a new password before getting a session, or null: an admin set it
   * (first sign-in, reset), or it is older than `maxAgeDays` (0: no maximum age).
   */
  async passwordDue(id: string, maxAgeDays: number, now: Date): Promise<'change-required' | 'expired' | null> {
    const row = await this.db.get<Pick<UserRow, 'must_change_password' | 'password_changed_at' | 'created_at'>>(
      'SELECT must_change_password, password_changed_at, created_at FROM users WHERE id = ?',
      [id],
    );
    if (!row) return null;
    if (row.must_change_password === 1) return 'change-required';
    const since = Date.parse(row.password_changed_at ?? row.created_at);
    if (maxAgeDays > 0 && now.getTime() - since > maxAgeDays * 24 * 60 * 60 * 1000) return 'expired';
    return null;
  }

  /**
   * Sets a new password after checking it against the policy and the current one. `mustChange`:
   * an admin set it, so the user chooses their own at the next sign-in.
   */
  async setPassword(id: string, password: string, options: { mustChange: boolean; now: Date }): Promise<User> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    if (!row) throw new BadRequest('没有这个用户', `No user ${id}`);
    checkPasswordPolicy(password, row.username);
    if (await verifyPassword(password, row.password_hash)) {
      throw new BadRequest('新密码不能和原来的密码一样', 'The new password must differ from the old one', [
        { path: 'newPassword', message: 'same as the old one' },
      ]);
    }
    const hash = await hashPassword(password, this.params);
    await this.db.run('UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?', [
      hash,
      options.mustChange ? 1 : 0,
      options.now.toISOString(),
      id,
    ]);
    return (await this.get(id))!;
  }

  /**
   * Replaces a user's roles, or disables or enables the user (issue 15.4: user and role changes).
   * Refused with 409 when the agency would be left without an enabled admin, so nobody can lock
   * the agency out of its own administration, not even the last admin by mistake. The check and
   * the change hold the agency's `admins` lock: two replicas each disabling one of two admins
   * cannot both pass it.
   */
  async change(id: string, change: { roles?: readonly Role[]; disabled?: boolean; now: Date }): Promise<{ before: User; after: User }> {
    return this.db.transaction(async (tx) => {
      const found = await this.get(id, tx);
      if (!found) throw new BadRequest('没有这个用户', `No user ${id}`);
      await tx.lock(adminsLock(found.agency));
      // Read again under the lock: what another replica changed before it took the lock counts.
      const before = (await this.get(id, tx))!;
      const roles = change.roles ? [...new Set(change.roles)] : [...before.roles];
      if (roles.length === 0 || !roles.every((r) => roleSchema.safeParse(r).success)) {
        throw new BadRequest('至少需要一个有效角色', 'At least one valid role is required', [
          { path: 'roles', message: 'liaison, auditor, secretary or admin' },
        ]);
      }
      const disabled = change.disabled ?? before.disabled;
      const othersAdmin = (await this.list(before.agency, tx)).some((u) => u.id !== id && !u.disabled && u.roles.includes('admin'));
      if (!othersAdmin && before.roles.includes('admin') && !before.disabled && (disabled || !roles.includes('admin'))) {
        throw new Conflict(
          'last_admin',
          '这是本机构唯一启用的管理员，不能停用或取消其管理员角色；请先为另一位用户授予管理员角色',
          'This is the agency’s only enabled admin: make another user admin first',
        );
      }
      const disabledAt = disabled ? (before.disabled ? await this.disabledAt(id, tx) : change.now.toISOString()) : null;
      await tx.run('UPDATE users SET roles = ?, disabled_at = ? WHERE id = ?', [JSON.stringify(roles), disabledAt, id]);
      return { before, after: (await this.get(id, tx))! };
    });
  }

  private async disabledAt(id: string, tx: SqlQueries): Promise<string | null> {
    return (await tx.get<{ disabled_at: string | null }>('SELECT disabled_at FROM users WHERE id = ?', [id]))!.disabled_at;
  }

  async hasAdmin(agency: AgencyId, tx: SqlQueries = this.db): Promise<boolean> {
    return (await this.list(agency, tx)).some((u) => !u.disabled && u.roles.includes('admin'));
  }

  /**
   * The user when the password is right, else null. A missing user costs the same hashing work
   * as a wrong password, so response time does not tell whether a username exists.
   */
  async authenticate(agency: AgencyId, username: string, password: string): Promise<User | null> {
    const row = await this.db.get<UserRow>('SELECT * FROM users WHERE agency = ? AND username = ?', [agency, username.trim().toLowerCase()]);
    if (!row || row.disabled_at !== null) {
      this.dummyHash ??= hashPassword('not a real password', this.params);
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    if (!(await verifyPassword(password, row.password_hash))) return null;
    if (needsRehash(row.password_hash, this.params)) {
      await this.db.run('UPDATE users SET password_hash = ? WHERE id = ?', [await hashPassword(password, this.params), row.id]);
    }
    return toUser(row);
  }
}

/**
 * The lock a change to an agency's admins holds (the last-admin check, the first admin), so
 * replicas sharing the database do not interleave two of them.
 */
export const adminsLock = (agency: AgencyId) => `auth:admins:${agency}`;
