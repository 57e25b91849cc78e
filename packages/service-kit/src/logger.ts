import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskPersonalText } from './mask.js';

export type { Logger } from 'pino';

export const REDACTED = '[Redacted]';

/**
 * Keys whose value is personal data or a secret wherever they appear. Matched case-insensitively
 * at any depth by the log formatter, because pino's own `redact` paths only reach fixed depths.
 */
const SENSITIVE_KEYS = new Set([
  'workername',
  'idnumber',
  'idcard',
  'residentid',
  'phone',
  'mobile',
  'password',
  'newpassword',
  'authorization',
  'cookie',
  'set-cookie',
  'apikey',
  'api_key',
  'token',
  'secret',
  'privatekey',
]);
/** Under these parents, `name` is a worker's name. */
const WORKER_PARENTS = new Set(['worker', 'workers', 'claimant', 'claimants']);

/** The fixed paths pino redacts natively; the formatter below covers other depths. */
const REDACT_PATHS = [
  'workerName',
  'idNumber',
  'phone',
  'password',
  'apiKey',
  'token',
  '*.workerName',
  '*.idNumber',
  '*.phone',
  '*.password',
  '*.apiKey',
  '*.token',
  'worker.name',
  'workers[*].name',
  '*.worker.name',
  '*.workers[*].name',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
];

function scrub(value: unknown, parentKey: string, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return scrub(stdSerializers.err(value), parentKey, depth, seen);
  if (Array.isArray(value)) return value.map((v) => scrub(v, parentKey, depth + 1, seen));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  const workerish = WORKER_PARENTS.has(parentKey.toLowerCase());
  for (const [key, v] of Object.entries(value)) {
    const lower = key.toLowerCase();
    out[key] = SENSITIVE_KEYS.has(lower) || (workerish && lower === 'name') ? REDACTED : scrub(v, key, depth + 1, seen);
  }
  return out;
}

/** Redacts sensitive keys at any depth and masks ID- and phone-looking numbers in every string. */
export function scrubLogObject(obj: Record<string, unknown>): Record<string, unknown> {
  return scrub(obj, '', 0, new WeakSet()) as Record<string, unknown>;
}

export interface LoggerSettings {
  name: string;
  level?: LoggerOptions['level'];
  /** Where lines go; stdout when absent. Tests pass a sink. */
  destination?: DestinationStream;
  /** Fields added to every line. */
  base?: Record<string, unknown>;
}

/**
 * The service logger: JSON lines, personal data never written. Three layers, each catching what
 * the others cannot: pino `redact` for the well-known paths, a `formatters.log` walk for keys at
 * any depth and numbers inside strings, and a `logMethod` hook for the message text itself.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name,
    level: settings.level ?? 'info',
    base: { service: settings.name, ...settings.base },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    formatters: {
      log: (obj) => scrubLogObject(obj),
      bindings: (bindings) => scrubLogObject(bindings),
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // pino turns `log.error(err)` into a message taken from err.message: mask it here.
        if (first instanceof Error && (rest.length === 0 || typeof rest[0] !== 'string')) {
          return method.apply(this, [{ err: first }, maskPersonalText(first.message), ...rest] as never);
        }
        const masked = (args as unknown[]).map((a) => (typeof a === 'string' ? maskPersonalText(a) : a));
        return method.apply(this, masked as never);
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}

/**
 * What a subscription to the store says when it loses the store and finds it again (the resuming
 * subscriptions of @hub/event-store call it): one warning when it starts retrying, one line when
 * it reads again. `what` names the follower in the message; `fields` go on both lines.
 */
export function logStoreConnection(
  logger: Logger | undefined,
  what: string,
  fields: Record<string, unknown> = {},
): (health: { state: string; reconnects: number }, error?: unknown) => void {
  return (health, error) => {
    if (health.state === 'reconnecting')
      logger?.warn({ ...fields, err: error, reconnects: health.reconnects }, `${what} lost the event store; resuming after the last event`);
    else if (health.state === 'connected') logger?.info({ ...fields, reconnects: health.reconnects }, `${what} reading the event store again`);
  };
}
