import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BadRequest, Conflict } from '../errors.js';
import { migrate, type LocalDb } from '../local-db.js';
import type { Actor, AgencyId, Role } from '../request-context.js';
import { AUTH_MIGRATIONS, displayNameSchema, parseRoles, roleSchema } from './schema.js';

export interface ServiceAccount {
  id: string;
  agency: AgencyId;
  name: string;
  roles: Role[];
  createdAt: string;
  disabled: boolean;
  /** The first characters of each live key, to tell them apart in a list. */
  keyHints: string[];
}

interface AccountRow {
  id: string;
  agency: AgencyId;
  name: string;
  roles: string;
  created_at: string;
  disabled_at: string | null;
}

/** The key is 256 random bits, so a fast hash is enough: there is nothing to guess. */
const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Machine clients (a 12351 hotline platform pushing complaints, a report exporter) act through
 * service accounts with roles, like users, and authenticate with `Authorization: ApiKey <key>`.
 * A key is shown once, at creation; only its hash is stored.
 */
export class ServiceAccountStore {
  constructor(
    private readonly db: LocalDb,
    private readonly clock: () => Date = () => new Date(),
  ) {
    migrate(db, 'auth', AUTH_MIGRATIONS);
  }

  create(input: { agency: AgencyId; name: string; roles: readonly Role[] }): { account: ServiceAccount; apiKey: string } {
    const name = displayNameSchema.safeParse(input.name);
    if (!name.success) throw new BadRequest('名称不符合要求', 'The name is not valid', [{ path: 'name', message: '1–64 characters' }]);
    const roles = [...new Set(input.roles)];
    // A machine never manages people: admin stays with humans.
    if (roles.length === 0 || roles.includes('admin') || !roles.every((r) => roleSchema.safeParse(r).success)) {
      throw new BadRequest('服务账号需要至少一个角色，且不能是管理员', 'A service account needs at least one role, and never admin', [
        { path: 'roles', message: 'liaison, auditor or secretary' },
      ]);
    }
    const id = randomUUID();
    const apiKey = this.db.transaction(() => {
      try {
        this.db
          .prepare('INSERT INTO service_accounts (id, agency, name, roles, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, input.agency, name.data, JSON.stringify(roles), this.clock().toISOString());
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new Conflict('service_account_exists', `服务账号 ${name.data} 已存在`, `The service account ${name.data} exists already`);
        }
        throw error;
      }
      return this.issueKey(id);
    })();
    return { account: this.get(id)!, apiKey };
  }

  /** A new key for the account (keys can be rolled over without downtime); returns it once. */
  issueKey(accountId: string): string {
    const account = this.db.prepare('SELECT agency FROM service_accounts WHERE id = ?').get(accountId) as { agency: string } | undefined;
    if (!account) throw new Error(`no service account ${accountId}`);
    const secret = randomBytes(32).toString('hex');
    const key = `hub_${account.agency}_${secret}`;
    this.db
      .prepare('INSERT INTO api_keys (key_hash, account_id, hint, created_at) VALUES (?, ?, ?, ?)')
      .run(hashKey(key), accountId, `hub_${account.agency}_${secret.slice(0, 6)}`, this.clock().toISOString());
    return key;
  }

  revokeKeys(accountId: string): number {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL').run(this.clock().toISOString(), accountId).changes;
  }

  get(id: string): ServiceAccount | undefined {
    const row = this.db.prepare('SELECT * FROM service_accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && this.toAccount(row);
  }

  list(agency: AgencyId): ServiceAccount[] {
    return (this.db.prepare('SELECT * FROM service_accounts WHERE agency = ? ORDER BY name').all(agency) as AccountRow[]).map((r) => this.toAccount(r));
  }

  /** The acting service account for a presented key, or null for an unknown, revoked or disabled one. */
  authenticate(apiKey: string): Actor | null {
    if (!/^hub_[a-z_]+_[0-9a-f]{64}$/.test(apiKey)) return null;
    const row = this.db
      .prepare(`SELECT a.* FROM api_keys k JOIN service_accounts a ON a.id = k.account_id
      WHERE k.key_hash = ? AND k.revoked_at IS NULL AND a.disabled_at IS NULL`)
      .get(hashKey(apiKey)) as AccountRow | undefined;
    if (!row) return null;
    return { agency: row.agency, userId: row.id, roles: parseRoles(row.roles), name: row.name, kind: 'service' };
  }

  private toAccount(row: AccountRow): ServiceAccount {
    const hints = this.db
      .prepare('SELECT hint FROM api_keys WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at, rowid')
      .pluck()
      .all(row.id) as string[];
    return {
      id: row.id,
      agency: row.agency,
      name: row.name,
      roles: parseRoles(row.roles),
      createdAt: row.created_at,
      disabled: row.disabled_at !== null,
      keyHints: hints,
    };
  }
}
