export {
  CHAIN_HEADS_WITNESSED,
  WITNESS_MESSAGE_PREFIX,
  WITNESS_STREAM_PREFIX,
  witnessStream,
  leafFor,
  leafOf,
  witnessMessage,
  witnessDigest,
  signWitness,
  proofFor,
  verifyWitnessProof,
  type WitnessedHead,
  type WitnessRecord,
  type WitnessProof,
} from '@hub/service-kit';
export { WitnessCopy, type KeptRecord } from './copy.js';
import { SIGN_IN_VARIABLES } from '@hub/service-kit';
/** What an agency service reads besides CONFIG_VARIABLES. */
export const AGENCY_VARIABLES = [
  'WITNESS_INTERVAL_MS',
  'REPAIR_GRACE_MS',
  // The agency's own data on a server, shared by its replicas (paths.ts, docs/agency-database.md).
  'AGENCY_DB_URL',
  'AGENCY_DB_SCHEMA',
  'DOCUMENT_STORE_URL',
  'DOCUMENT_MAX_BYTES',
  'CASE_NUMBER_PATTERN',
  'CASE_NUMBER_AGENCY_CODE',
  'OCCURRED_AT_MAX_SKEW_SECONDS',
  'LETTER_SETTINGS',
  'DEADLINE_POLICY',
  'HOLIDAY_CALENDAR',
  // Sign-in and sessions (service-kit auth/settings.ts, docs/sign-in.md).
  ...SIGN_IN_VARIABLES,
  'TOTP_REQUIRED_ROLES',
  'SECURITY_LOG_RETENTION_DAYS',
  'KEY_ENCRYPTION_KEY',
  'KEY_ENCRYPTION_KEY_FILE',
  'CRYPTO_SUITE',
  'NODE_ENV',
] as const;

export { Witness, DEFAULT_WITNESS_INTERVAL_MS, MAX_HEADS_PER_RECORD, type WitnessOptions } from './witness.js';
export { witnessRoutes, type WitnessRoutesOptions } from './routes.js';

/**
 * The interval to use: the option when given, else WITNESS_INTERVAL_MS, else 60 s — except under
 * NODE_ENV=test (vitest sets it), where a witness appending on its own would upset other tests'
 * counts: there it runs only when a test asks. 0 turns the timer off; `run()` still works.
 */
export function witnessInterval(option: number | undefined, env: Readonly<Record<string, string | undefined>>, fallbackMs: number): number {
  if (option !== undefined) return option > 0 ? option : 0;
  const configured = env['WITNESS_INTERVAL_MS']?.trim();
  if (configured) {
    const value = Number(configured);
    if (Number.isInteger(value) && value >= 0) return value;
  }
  return env['NODE_ENV'] === 'test' ? 0 : fallbackMs;
}
