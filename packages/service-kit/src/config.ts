import { z } from 'zod';
import { DEFAULT_EVENT_STORE_URL } from '@hub/event-store';
import { keyIdOf } from './keyring.js';
import { algorithmOfKey, signingPublicKeyFrom } from './signature-algorithm.js';

/** A public key pinned by configuration: the trust anchor for another agency's signatures and sessions. */
export interface PinnedKey {
  agency: string;
  purpose: 'events' | 'sessions';
  /** Derived from the key, as everywhere: first 16 hex of sha256 over the raw key. */
  keyId: string;
  /** base64 of the key as published: raw 32 bytes (Ed25519) or 04 ‖ x ‖ y, 65 bytes (SM2). */
  publicKey: string;
}

export interface ServiceConfig {
  port: number;
  host: string;
  eventStoreUrl: string;
  /** The service's own local files (users, keys, vault); never the shared store. */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlMinutes: number;
  publicKeys: PinnedKey[];
  /** The vault's master key (32 bytes) when given by env; null means "use the key file under dataDir". */
  vaultKey: Buffer | null;
  /** TRUST_FILE: the trust file (trust.ts); null means DATA_DIR/trust.json. */
  trustFile: string | null;
  /** TRUST_STORE_KEYS=1: also trust keys only the store vouches for, where no anchor exists (development only). */
  trustStoreKeys: boolean;
}

export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'EVENT_STORE_URL',
  'DATA_DIR',
  'LOG_LEVEL',
  'SESSION_TTL_MINUTES',
  'PUBLIC_KEYS',
  'HUB_VAULT_KEY',
  'TRUST_FILE',
  'TRUST_STORE_KEYS',
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Variables whose value must never be echoed back in an error message. */
const SECRET: ReadonlySet<ConfigVariable> = new Set(['HUB_VAULT_KEY', 'EVENT_STORE_URL']);

const BUILT_IN_DEFAULTS: Partial<Record<ConfigVariable, string>> = {
  HOST: '127.0.0.1',
  EVENT_STORE_URL: DEFAULT_EVENT_STORE_URL,
  DATA_DIR: './data',
  LOG_LEVEL: 'info',
  SESSION_TTL_MINUTES: '480',
  PUBLIC_KEYS: '',
  TRUST_STORE_KEYS: '0',
};

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const base64Key = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const bytes = Buffer.from(s, 'base64');
    if (bytes.length !== 32 || bytes.toString('base64').replace(/=+$/, '') !== s.replace(/=+$/, '')) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)' });
      return z.NEVER;
    }
    return bytes;
  });

const pinnedKeys = z.string().transform((s, ctx) => {
  const keys: PinnedKey[] = [];
  for (const entry of s
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    // <agency>:<purpose>:<base64>, or <agency>:<purpose>:<Ed25519|SM2>:<base64> (base64 has no colon).
    const parts = entry.split(':');
    const named = parts.length === 4 ? parts[2] : undefined;
    const [agency, purpose] = parts;
    const publicKey = parts.length === 4 ? parts[3] : parts[2];
    let algorithm: string | null = null;
    try {
      algorithm = algorithmOfKey(signingPublicKeyFrom(publicKey ?? ''));
    } catch {
      algorithm = null;
    }
    if (
      !agency ||
      !publicKey ||
      (purpose !== 'events' && purpose !== 'sessions') ||
      algorithm === null ||
      parts.length < 3 ||
      parts.length > 4 ||
      (named !== undefined && named !== algorithm)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `entry "${entry}" must read <agency>:<events|sessions>:[Ed25519:|SM2:]<base64 of the public key: 32 bytes Ed25519, or 65 bytes 04 ‖ x ‖ y of an SM2 key>`,
      });
      return z.NEVER;
    }
    keys.push({ agency, purpose, keyId: keyIdOf(Buffer.from(publicKey, 'base64')), publicKey });
  }
  return keys;
});

const schema = z.object({
  PORT: integer(0, 65535),
  HOST: z.string().trim().min(1, 'must not be empty'),
  EVENT_STORE_URL: z
    .string()
    .trim()
    .regex(/^(sqlite|postgres|postgresql|esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):/, 'must start with sqlite:, postgres://, esdb:// or kurrentdb://'),
  DATA_DIR: z.string().trim().min(1, 'must not be empty'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent'),
  SESSION_TTL_MINUTES: integer(1, 7 * 24 * 60),
  PUBLIC_KEYS: pinnedKeys,
  HUB_VAULT_KEY: base64Key.optional(),
  TRUST_FILE: z.string().trim().min(1).optional(),
  TRUST_STORE_KEYS: z.enum(['0', '1'], 'must be 0 or 1 (1: trust keys only the event store vouches for; development only)'),
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads the service's configuration from `env`, falling back to the service's own `defaults`
 * (e.g. its port) and then to the built-in ones. Every problem is reported at once, each naming
 * its variable, so an operator fixes the environment in one go.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, defaults: Partial<Record<ConfigVariable, string>> = {}): ServiceConfig {
  const raw: Record<string, string | undefined> = {};
  for (const name of CONFIG_VARIABLES) {
    const fromEnv = env[name];
    raw[name] = fromEnv !== undefined && fromEnv !== '' ? fromEnv : (defaults[name] ?? BUILT_IN_DEFAULTS[name]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]) as ConfigVariable;
        const value = raw[name];
        if (value === undefined) return `${name} is required`;
        const shown = SECRET.has(name) ? '' : ` (got ${JSON.stringify(value)})`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    eventStoreUrl: c.EVENT_STORE_URL,
    dataDir: c.DATA_DIR,
    logLevel: c.LOG_LEVEL,
    sessionTtlMinutes: c.SESSION_TTL_MINUTES,
    publicKeys: c.PUBLIC_KEYS,
    vaultKey: c.HUB_VAULT_KEY ?? null,
    trustFile: c.TRUST_FILE ?? null,
    trustStoreKeys: c.TRUST_STORE_KEYS === '1',
  };
}
