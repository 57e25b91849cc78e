/**
 * Business time (issue 13.4): every act says when it happened (`occurredAt`), beside the store's
 * `recordedAt`. It rides in the event's metadata, as it is about the act, common to every event
 * type; see docs/business-time.md for why, and for the bounds the case domain enforces.
 *
 * And how an act came in (issue 13.8): an act recorded through an API key (a machine client such
 * as the 12351 hotline platform) says so in `metadata.actor.via`.
 */
import { z } from 'zod';
import { bilingual, EARLIEST_YEAR, LATEST_YEAR } from './values/common.js';

/** The metadata member that holds when the act happened (UTC ISO-8601, as every stored time). */
export const OCCURRED_AT = 'occurredAt';

/** An act recorded this long after it happened is shown as recorded late (补录). */
export const LATE_RECORDING_MS = 60 * 60 * 1000;

/**
 * What a client may send as `occurredAt`: an ISO-8601 time with an offset (`+08:00` or `Z`); it is
 * stored in UTC. Unlike other times of the catalog, an offset is accepted and converted: staff
 * write when a call took place in Beijing time, and it names one instant either way.
 */
export const occurredAtSchema = z.iso
  .datetime({
    offset: true,
    error: bilingual(
      '发生时间须为带时区的 ISO-8601 时间（如 2026-12-07T09:30:00+08:00）',
      'occurredAt must be an ISO-8601 time with an offset (e.g. 2026-12-07T09:30:00+08:00)',
    ),
  })
  .refine(
    (value) => {
      const year = new Date(value).getUTCFullYear();
      // Not a time at all: the format's own issue says so, once.
      return Number.isNaN(year) || (year >= EARLIEST_YEAR && year <= LATEST_YEAR);
    },
    {
      error: bilingual(`发生时间的年份须在 ${EARLIEST_YEAR}–${LATEST_YEAR} 之间`, `occurredAt must fall between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`),
    },
  )
  .transform((value) => new Date(value).toISOString())
  .describe(
    'When the act happened (business time), ISO-8601 with an offset; default: now. Not in the future, not before the case was opened or the act it answers.',
  );

const occurredAtBody = z.object({ occurredAt: occurredAtSchema.optional() });

/**
 * Takes `occurredAt` off a command's body, checked, and leaves the act's own data (which the
 * command's schema checks as before). A bad value throws a ZodError on the path `occurredAt`.
 */
export function takeOccurredAt(body: unknown): { occurredAt: string | undefined; rest: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, OCCURRED_AT)) return { occurredAt: undefined, rest: body };
  const { [OCCURRED_AT]: given, ...rest } = body as Record<string, unknown>;
  return { occurredAt: occurredAtBody.parse({ occurredAt: given }).occurredAt, rest };
}

interface Internal {
  readonly _zod: { readonly def: { readonly type: string; readonly discriminator?: string; readonly options?: readonly z.ZodType[] } };
}

/**
 * A command's body as documented (OpenAPI): its input with the optional `occurredAt` every command
 * accepts. Objects are extended, discriminated unions per option; anything else is left as it is
 * (a spec checks that no command of the catalog falls there).
 */
export function withOccurredAt(input: z.ZodType): z.ZodType {
  const def = (input as unknown as Internal)._zod.def;
  const extend = (schema: z.ZodType): z.ZodType | null =>
    (schema as unknown as Internal)._zod.def.type === 'object' ? (schema as z.ZodObject).safeExtend({ occurredAt: occurredAtSchema.optional() }) : null;
  if (def.type === 'object') return extend(input) ?? input;
  if (def.type === 'union' && def.discriminator && def.options) {
    const options = def.options.map(extend);
    if (options.every((o): o is z.ZodObject => o !== null)) return z.discriminatedUnion(def.discriminator, options as [z.ZodObject, ...z.ZodObject[]]);
  }
  return input;
}

type MetadataLike = { readonly [key: string]: unknown } | undefined;

const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * When the act happened. Events written before business time existed have no `occurredAt`: they
 * read as happened when recorded. This is the one place that says so; every reader asks here.
 */
export function occurredAtOf(metadata: MetadataLike): string {
  const occurred = metadata?.[OCCURRED_AT];
  if (isInstant(occurred)) return occurred;
  const recorded = metadata?.['recordedAt'];
  return isInstant(recorded) ? recorded : new Date(0).toISOString();
}

/** How long after it happened the act was recorded, in ms (0 for an event without occurredAt). */
export function recordingDelayMs(metadata: MetadataLike): number {
  const recorded = metadata?.['recordedAt'];
  if (!isInstant(recorded)) return 0;
  return Math.max(0, Date.parse(recorded) - Date.parse(occurredAtOf(metadata)));
}

/** Recorded more than LATE_RECORDING_MS after it happened: shown as 补录. */
export const recordedLate = (metadata: MetadataLike): boolean => recordingDelayMs(metadata) > LATE_RECORDING_MS;

/** How an act came in: `api_key` for a machine client (a service account); absent for a person's session. */
export const actorVias = ['api_key'] as const;
export type ActorVia = (typeof actorVias)[number];

/** The machine client an act came through, or null for a person's act (and for events before 13.8). */
export function machineActorOf(metadata: MetadataLike): { readonly accountId: string; readonly name: string | null } | null {
  const actor = metadata?.['actor'];
  if (typeof actor !== 'object' || actor === null) return null;
  const { via, userId } = actor as { via?: unknown; userId?: unknown };
  if (via !== 'api_key' || typeof userId !== 'string') return null;
  const name = metadata?.['userName'];
  return { accountId: userId, name: typeof name === 'string' ? name : null };
}
