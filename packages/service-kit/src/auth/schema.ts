import { z } from 'zod';
import { AGENCIES, ROLES, type AgencyId, type Role } from '../request-context.js';
import type { EngineMigrations } from '../sql/index.js';

/** The SQLite steps as they shipped: existing files open unchanged. */
const AUTH_SQLITE_MIGRATIONS = [
  `CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    agency        TEXT NOT NULL,
    username      TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT,
    UNIQUE (agency, username)
  );
  CREATE TABLE service_accounts (
    id          TEXT PRIMARY KEY,
    agency      TEXT NOT NULL,
    name        TEXT NOT NULL,
    roles       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    disabled_at TEXT,
    UNIQUE (agency, name)
  );
  CREATE TABLE api_keys (
    key_hash   TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES service_accounts (id),
    hint       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE TABLE revoked_sessions (
    jti        TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  );`,
  // Issue 15: forced password changes, sign-in failures (lockout) and sessions with an idle time.
  `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN password_changed_at TEXT;
  CREATE TABLE login_failures (
    agency       TEXT NOT NULL,
    username     TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    locked_until INTEGER,
    last_at      INTEGER NOT NULL,
    PRIMARY KEY (agency, username)
  );
  CREATE TABLE sessions (
    jti          TEXT PRIMARY KEY,
    agency       TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ended_at     INTEGER,
    announced_at INTEGER,
    user_agent   TEXT,
    address      TEXT
  );
  CREATE INDEX sessions_by_user ON sessions (user_id, created_at);`,
  // Issue 15.3: the second factor. `secret` and `pending` are sealed under the key-encryption key.
  `CREATE TABLE second_factors (
    user_id     TEXT PRIMARY KEY,
    secret      BLOB,
    pending     BLOB,
    enrolled_at TEXT,
    last_step   INTEGER NOT NULL DEFAULT -1
  );
  CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
  );`,
];

/**
 * The same tables on PostgreSQL, as they stand after the SQLite steps: times in epoch ms and
 * counters are BIGINT, sealed secrets BYTEA. `rowid` is the insertion order SQLite keeps without
 * being asked: the lists of API keys and of sessions break ties of `created_at` by it.
 */
const AUTH_POSTGRES_MIGRATIONS = [
  `CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    agency               TEXT NOT NULL,
    username             TEXT NOT NULL,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    roles                TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    disabled_at          TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_changed_at  TEXT,
    UNIQUE (agency, username)
  );
  CREATE TABLE service_accounts (
    id          TEXT PRIMARY KEY,
    agency      TEXT NOT NULL,
    name        TEXT NOT NULL,
    roles       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    disabled_at TEXT,
    UNIQUE (agency, name)
  );
  CREATE TABLE api_keys (
    key_hash   TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES service_accounts (id),
    hint       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    rowid      BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE TABLE revoked_sessions (
    jti        TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
  );
  CREATE TABLE login_failures (
    agency       TEXT NOT NULL,
    username     TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    locked_until BIGINT,
    last_at      BIGINT NOT NULL,
    PRIMARY KEY (agency, username)
  );
  CREATE TABLE sessions (
    jti          TEXT PRIMARY KEY,
    agency       TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ended_at     BIGINT,
    announced_at BIGINT,
    user_agent   TEXT,
    address      TEXT,
    rowid        BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
  CREATE TABLE second_factors (
    user_id     TEXT PRIMARY KEY,
    secret      BYTEA,
    pending     BYTEA,
    enrolled_at TEXT,
    last_step   BIGINT NOT NULL DEFAULT -1
  );
  CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
  );`,
];

/**
 * The local tables of users, service accounts, API keys, revoked sessions, sign-in failures,
 * sessions and second factors (component `auth`). Every store of them migrates on `open`; the
 * first to open runs the steps, the others find them applied.
 */
export const AUTH_MIGRATIONS: EngineMigrations = { sqlite: AUTH_SQLITE_MIGRATIONS, postgres: AUTH_POSTGRES_MIGRATIONS };

export const agencySchema = z.enum(AGENCIES as [AgencyId, ...AgencyId[]]);
export const roleSchema = z.enum(ROLES as [Role, ...Role[]]);

/** Lower case; letters, digits, dot, dash, underscore: safe in logs, URLs and a terminal. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'use 2–64 letters, digits, dots, dashes or underscores, starting with a letter or digit');

export const displayNameSchema = z.string().trim().min(1).max(64);

export function parseRoles(json: string): Role[] {
  const parsed = z.array(roleSchema).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}
