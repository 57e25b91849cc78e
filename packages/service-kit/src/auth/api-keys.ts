import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { BadRequest, Conflict } from '../errors.js';
import type { Actor, AgencyId, Role } from '../request-context.js';
import type { SqlDb, SqlQueries } from '../sql/index.js';
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
  private constructor(
    private readonly db: SqlDb,
    private readonly clock: () => Date,
  ) {}

  static async open(db: SqlDb, clock: () => Date = () => new Date()): Promise<ServiceAccountStore> {
    await db.migrate('auth', AUTH_MIGRATIONS);
    return new ServiceAccountStore(db, clock);
  }

  async create(input: { agency: AgencyId; name: string; roles: readonly Role[] }): Promise<{ account: ServiceAccount; apiKey: string }> {
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
    const apiKey = await this.db.transaction(async (tx) => {
      const inserted = await tx.run(
        'INSERT INTO service_accounts (id, agency, name, roles, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (agency, name) DO NOTHING',
        [id, input.agency, name.data, JSON.stringify(roles), this.clock().toISOString()],
      );
      if (inserted === 0) throw new Conflict('service_account_exists', `服务账号 ${name.data} 已存在`, `The service account ${name.data} exists already`);
      return this.issueKey(id, tx);
    });
    return { account: (await this.get(id))!, apiKey };
  }

  /** A new key for the account (keys can be rolled over without downtime); returns it once. */
  async issueKey(accountId: string, tx: SqlQueries = this.db): Promise<string> {
    const account = await tx.get<{ agency: string }>('SELECT agency FROM service_accounts WHERE id = ?', [accountId]);
    if (!account) throw new Error(`no service account ${accountId}`);
    const secret = randomBytes(32).toString('hex');
    const key = `hub_${account.agency}_${secret}`;
    await tx.run('INSERT INTO api_keys (key_hash, account_id, hint, created_at) VALUES (?, ?, ?, ?)', [
      hashKey(key),
      accountId,
      `hub_${account.agency}_${secret.slice(0, 6)}`,
      this.clock().toISOString(),
    ]);
    return key;
  }

  async revokeKeys(accountId: string): Promise<number> {
    return this.db.run('UPDATE api_keys SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL', [this.clock().toISOString(), accountId]);
  }

  async get(id: string): Promise<ServiceAccount | undefined> {
    const row = await this.db.get<AccountRow>('SELECT * FROM service_accounts WHERE id = ?', [id]);
    return row && this.toAccount(row);
  }

  async list(agency: AgencyId): Promise<ServiceAccount[]> {
    const rows = await this.db.all<AccountRow>('SELECT * FROM service_accounts WHERE agency = ? ORDER BY name', [agency]);
    return Promise.all(rows.map((r) => this.toAccount(r)));
  }

  /**
   * The acting service account for a presented key, or null for an unknown, revoked or disabled
   * one. Read from the database on every request: a key revoked at one replica is refused at all.
   */
  async authenticate(apiKey: string): Promise<Actor | null> {
    if (!/^hub_[a-z_]+_[0-9a-f]{64}$/.test(apiKey)) return null;
    const row = await this.db.get<AccountRow>(
      `SELECT a.* FROM api_keys k JOIN service_accounts a ON a.id = k.account_id
      WHERE k.key_hash = ? AND k.revoked_at IS NULL AND a.disabled_at IS NULL`,
      [hashKey(apiKey)],
    );
    if (!row) return null;
    return { agency: row.agency, userId: row.id, roles: parseRoles(row.roles), name: row.name, kind: 'service' };
  }

  private async toAccount(row: AccountRow): Promise<ServiceAccount> {
    // rowid: the order the keys were issued in (an explicit column on PostgreSQL, schema.ts).
    const hints = await this.db.all<{ hint: string }>('SELECT hint FROM api_keys WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at, rowid', [
      row.id,
    ]);
    return {
      id: row.id,
      agency: row.agency,
      name: row.name,
      roles: parseRoles(row.roles),
      createdAt: row.created_at,
      disabled: row.disabled_at !== null,
      keyHints: hints.map((h) => h.hint),
    };
  }
}
