import { z } from 'zod';
import { AGENCIES, ROLES, type AgencyId, type Role } from '../request-context.js';

/** The local tables of users, service accounts, API keys and revoked sessions (component `auth`). */
export const AUTH_MIGRATIONS = [
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
];

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
