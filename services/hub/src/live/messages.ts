/**
 * The messages of the live feed (ws(s)://…/api/live), JSON text frames both ways: what a client
 * sends, as the schemas the server validates it with, and what the server answers. Kept apart
 * from the server's code so the web console type-checks against the same definitions (through
 * `@hub/hub-service/wire`); it needs only zod and the contracts, which the console bundles anyway.
 */
import { positionTextSchema, type AgencyId, type Role } from '@hub/contracts';
import { z } from 'zod';
import type { FeedScope, TimelineEntry } from '../read-models/timeline/wire.js';

/** `after`: exclusive, the last position the client saw; `start` (nothing yet) or `now` (only what comes next). */
export const afterSchema = z.union([z.literal('start'), z.literal('now'), positionTextSchema]);

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('case'), caseId: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal('inbox') }),
  z.strictObject({ kind: z.literal('all') }),
]);

const subId = z.string().min(1).max(64);

export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(8192) }),
  z.strictObject({ type: z.literal('subscribe'), id: subId, scope: scopeSchema, after: afterSchema }),
  z.strictObject({ type: z.literal('unsubscribe'), id: subId }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type After = z.infer<typeof afterSchema>;
export type { FeedScope, TimelineEntry };

/** Positions are decimal strings (they are 64-bit); null while the timeline is empty. */
export type WirePosition = string | null;

export type ServerMessage =
  | { type: 'ready'; viewer: { agency: AgencyId; roles: readonly Role[]; userId: string }; position: WirePosition; sessionExpiresAt: string | null }
  | { type: 'events'; sub: string; events: TimelineEntry[] }
  /** Everything up to `position` that the subscription should get has been sent; what follows is live. */
  | { type: 'live'; sub: string; position: WirePosition }
  | { type: 'unsubscribed'; sub: string }
  /** Every live subscription of this socket has been sent everything up to `position`. */
  | { type: 'heartbeat'; position: WirePosition; at: string }
  | { type: 'error'; sub?: string; status: number; detail: string; detailEn: string };

export type ReadyMessage = Extract<ServerMessage, { type: 'ready' }>;
