import { DEFAULT_CLOCK_SKEW_MS } from '@hub/case-domain';

/** The setting that says how far ahead of a service's clock an act may say it happened (issue 13.4). */
export const CLOCK_SKEW_VARIABLE = 'OCCURRED_AT_MAX_SKEW_SECONDS';

/**
 * The clock skew allowed to an act's occurredAt, in ms: the option when given, else the setting,
 * else the domain's default (5 minutes). A setting that is not a whole number of seconds between
 * 0 and 3600 stops the start with a message that names it, rather than being guessed at.
 */
export function clockSkewMs(option: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (option !== undefined) return Math.max(0, option);
  const configured = env[CLOCK_SKEW_VARIABLE]?.trim();
  if (!configured) return DEFAULT_CLOCK_SKEW_MS;
  if (!/^\d+$/.test(configured) || Number(configured) > 3600) {
    throw new Error(`${CLOCK_SKEW_VARIABLE} must be a whole number of seconds between 0 and 3600 (got ${JSON.stringify(configured)})`);
  }
  return Number(configured) * 1000;
}
