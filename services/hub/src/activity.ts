/**
 * Sessions end at their agency after an idle time (SESSION_IDLE_MINUTES, docs/sign-in.md), and
 * the agency keeps the last-seen time. Someone working only on the hub's pages (timelines,
 * reports) would look idle there; so when the hub accepts a person's session it tells the
 * agency that issued it, at most once a minute per session, by asking `GET /api/session` with
 * the same token (which the agency counts as a use). Fire and forget: the hub's answer never
 * waits for it. When the agency ends the session anyway, its `SessionRevoked` reaches the hub
 * through the store, as a logout does.
 */
import type { AgencyId } from '@hub/contracts';
import type { Logger } from '@hub/service-kit';
import type { Request, RequestHandler } from 'express';

/** Not more often than this per session (the agency writes last-seen at most once a minute too). */
export const ACTIVITY_EVERY_MS = 60_000;
/** Sessions remembered at once; past it the oldest are dropped (the worst case is one more call). */
const MAX_REMEMBERED = 10_000;

export interface ActivityOptions {
  agencyUrls: Partial<Record<AgencyId, string>>;
  clock: () => Date;
  logger: Logger;
}

export class AgencyActivity {
  private readonly told = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: ActivityOptions) {}

  /** `authenticate` followed by telling the agency of the use. */
  wrap(authenticate: RequestHandler): RequestHandler {
    return async (req, res, next) => {
      await authenticate(req, res, (error?: unknown) => {
        if (error === undefined) this.seen(req);
        next(error as Error | undefined);
      });
    };
  }

  /** Waits for the calls under way (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private seen(req: Request): void {
    const actor = req.actor;
    if (actor?.kind !== 'user' || !actor.sessionId) return;
    const base = this.options.agencyUrls[actor.agency];
    const authorization = req.get('authorization');
    if (!base || !authorization) return;
    const now = this.options.clock().getTime();
    const key = `${actor.agency}:${actor.sessionId}`;
    const last = this.told.get(key);
    if (last !== undefined && now - last < ACTIVITY_EVERY_MS) return;
    this.told.delete(key);
    if (this.told.size >= MAX_REMEMBERED) this.told.delete(this.told.keys().next().value!);
    this.told.set(key, now);
    const call = fetch(`${base}/api/session`, { headers: { authorization }, signal: AbortSignal.timeout(5_000) })
      .then(async (res) => {
        await res.body?.cancel();
      })
      .catch((error: unknown) => this.options.logger.debug({ err: error, agency: actor.agency }, 'could not tell the agency of a session’s use'))
      .finally(() => this.pending.delete(call));
    this.pending.add(call);
  }
}
