import { ConfigError } from '../config.js';
import type { Role } from '../request-context.js';
import { DEFAULT_LOGIN_GUARD, type LoginGuardSettings } from './login-guard.js';
import { totpRequiredRoles } from './second-factor.js';

/** Sign-in and session settings of an agency service (docs/sign-in.md). */
export const SIGN_IN_VARIABLES = [
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCK_MINUTES',
  'LOGIN_IP_MAX_FAILURES',
  'LOGIN_IP_WINDOW_MINUTES',
  'SESSION_IDLE_MINUTES',
  'PASSWORD_MAX_AGE_DAYS',
  'TRUST_PROXY',
] as const;

export interface SignInSettings {
  guard: LoginGuardSettings;
  /** 0: no idle time (only the absolute lifetime). */
  idleMinutes: number;
  /** 0: passwords do not age. */
  passwordMaxAgeDays: number;
  /** Express's `trust proxy`: whose X-Forwarded-For names the source address (the hub's gateway). */
  trustProxy: string | boolean;
  /** TOTP_REQUIRED_ROLES: the roles that sign in with a second factor (default admin and auditor; `all`; `none`). */
  secondFactorRoles: readonly Role[];
}

const DEFAULTS: Record<(typeof SIGN_IN_VARIABLES)[number], string> = {
  LOGIN_MAX_FAILURES: String(DEFAULT_LOGIN_GUARD.maxFailures),
  LOGIN_LOCK_MINUTES: String(DEFAULT_LOGIN_GUARD.lockMinutes),
  LOGIN_IP_MAX_FAILURES: String(DEFAULT_LOGIN_GUARD.addressMaxFailures),
  LOGIN_IP_WINDOW_MINUTES: String(DEFAULT_LOGIN_GUARD.addressWindowMinutes),
  SESSION_IDLE_MINUTES: '30',
  PASSWORD_MAX_AGE_DAYS: '0',
  TRUST_PROXY: 'loopback',
};

/** Reads the settings; a bad value stops the start with a message naming it (every problem at once). */
export function signInSettings(env: Readonly<Record<string, string | undefined>>): SignInSettings {
  const problems: string[] = [];
  const read = (name: (typeof SIGN_IN_VARIABLES)[number], min: number, max: number): number => {
    const raw = env[name]?.trim() || DEFAULTS[name];
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(raw)})`);
      return Number(DEFAULTS[name]);
    }
    return value;
  };
  const settings: SignInSettings = {
    guard: {
      maxFailures: read('LOGIN_MAX_FAILURES', 1, 100),
      lockMinutes: read('LOGIN_LOCK_MINUTES', 1, 24 * 60),
      addressMaxFailures: read('LOGIN_IP_MAX_FAILURES', 1, 10_000),
      addressWindowMinutes: read('LOGIN_IP_WINDOW_MINUTES', 1, 24 * 60),
    },
    idleMinutes: read('SESSION_IDLE_MINUTES', 0, 7 * 24 * 60),
    passwordMaxAgeDays: read('PASSWORD_MAX_AGE_DAYS', 0, 3650),
    trustProxy: trustProxyOf(env['TRUST_PROXY']?.trim() || DEFAULTS.TRUST_PROXY),
    secondFactorRoles: [],
  };
  try {
    settings.secondFactorRoles = totpRequiredRoles(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/** `0`/`false`: trust no proxy (the socket's address counts); otherwise express's list of addresses or names (`loopback`, `10.0.0.0/8`…). */
function trustProxyOf(value: string): string | boolean {
  return value === '0' || value === 'false' ? false : value;
}
