import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { requireAgency, requireRole } from '../auth/middleware.js';
import { BadRequest } from '../errors.js';
import type { RouteDescription } from '../openapi.js';
import type { Actor, AgencyId } from '../request-context.js';
import { securityLogCsv } from './csv.js';
import { SECURITY_KIND_NAMES, type SecurityEntry, type SecurityKind } from './kinds.js';
import type { SecurityLog, SecurityLogQuery } from './log.js';

const day = /^\d{4}-\d{2}-\d{2}$/;
const instant = z
  .string()
  .refine((v) => day.test(v) || !Number.isNaN(Date.parse(v)), 'a date (2026-12-07, a Beijing day) or an ISO 8601 instant')
  .optional();

export const SecurityLogQuerySchema = z.object({
  kind: z
    .string()
    .optional()
    .describe(`one or more kinds, comma-separated: ${SECURITY_KIND_NAMES.join(', ')}`),
  from: instant.describe('from this Beijing day (2026-12-07) or instant, inclusive'),
  to: instant.describe('up to this Beijing day (inclusive) or instant (exclusive)'),
  actor: z.string().min(1).max(128).optional().describe('a user id, part of a display name, or the username a failed sign-in tried'),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('entries per page, newest first (default 100)'),
  before: z.coerce.number().int().min(1).optional().describe('the next page: entries before this seq'),
});

const ActorView = z.object({ userId: z.string().nullable(), name: z.string().nullable(), agency: z.string().nullable() });
const EntryView = z
  .object({
    seq: z.number(),
    at: z.string(),
    kind: z.enum(SECURITY_KIND_NAMES as [SecurityKind, ...SecurityKind[]]),
    actor: ActorView,
    subject: z.string(),
    sourceIp: z.string().nullable(),
    forwardedFor: z.string().nullable().describe('the X-Forwarded-For a proxy in front sent (through the hub: the browser), as claimed'),
    outcome: z.enum(['success', 'failure']),
    detail: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'SecurityLogEntry' });
const PageView = z.object({ entries: z.array(EntryView), next: z.number().nullable().describe('`before` for the next page; null on the last') });
const VerificationView = z
  .object({
    ok: z.boolean(),
    entries: z.number(),
    firstSeq: z.number().nullable(),
    lastSeq: z.number().nullable(),
    headHash: z.string(),
    broken: z.object({ seq: z.number(), reason: z.string() }).optional(),
  })
  .meta({ id: 'SecurityLogVerification' });

/** A Beijing day's start as an instant: 2026-12-07 → 2026-12-06T16:00:00.000Z. */
const beijingDayStart = (d: string, plusDays = 0) => new Date(Date.parse(`${d}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();

function queryOf(raw: unknown): Omit<SecurityLogQuery, 'agency'> {
  const q = SecurityLogQuerySchema.parse(raw);
  const kinds = q.kind
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds?.filter((k) => !(SECURITY_KIND_NAMES as string[]).includes(k)) ?? [];
  if (unknown.length > 0) {
    throw new BadRequest(`没有这种安全日志事件：${unknown.join('、')}`, `No such security-log kind: ${unknown.join(', ')}`, [
      { path: 'kind', message: SECURITY_KIND_NAMES.join(', ') },
    ]);
  }
  return {
    limit: q.limit ?? 100,
    ...(q.before !== undefined ? { before: q.before } : {}),
    ...(kinds && kinds.length > 0 ? { kinds: kinds as SecurityKind[] } : {}),
    ...(q.from !== undefined ? { from: day.test(q.from) ? beijingDayStart(q.from) : new Date(q.from).toISOString() } : {}),
    ...(q.to !== undefined ? { to: day.test(q.to) ? beijingDayStart(q.to, 1) : new Date(q.to).toISOString() } : {}),
    ...(q.actor !== undefined ? { actor: q.actor } : {}),
  };
}

export interface SecurityLogRouterOptions {
  log: SecurityLog;
  authenticate: RequestHandler;
  /** An agency service: only its own admins and auditors. Absent (the hub): admins and auditors of any agency, each as `scope` says. */
  agency?: AgencyId;
  /** Which agency's entries the actor sees; undefined = all. Default: all. */
  scope?: (actor: Actor) => string | undefined;
}

/** GET /api/admin/security-log (paged JSON), …/security-log.csv (all that match) and …/security-log/verify. */
export function securityLogRouter(options: SecurityLogRouterOptions): Router {
  const router = Router();
  const guard = [options.authenticate, ...(options.agency ? [requireAgency(options.agency)] : []), requireRole('admin', 'auditor')];
  const scoped = (actor: Actor) => {
    const agency = options.scope?.(actor);
    return agency === undefined ? {} : { agency };
  };
  router.get('/api/admin/security-log', ...guard, async (req, res) => {
    const query = { ...queryOf(req.query), ...scoped(req.actor!) };
    const entries = await options.log.list(query);
    const next = entries.length === query.limit ? entries[entries.length - 1]!.seq : null;
    res.set('cache-control', 'no-store').json({ entries, next });
  });
  router.get('/api/admin/security-log.csv', ...guard, async (req, res) => {
    const query = { ...queryOf(req.query), ...scoped(req.actor!), limit: 1000 };
    const all: SecurityEntry[] = [];
    for (let page = await options.log.list(query); page.length > 0; page = await options.log.list({ ...query, before: page[page.length - 1]!.seq }))
      all.push(...page);
    const name = `安全日志-${new Date().toISOString().slice(0, 10)}.csv`;
    res
      .status(200)
      .set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="security-log.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'no-store',
      })
      .send(securityLogCsv(all.reverse()));
  });
  router.get('/api/admin/security-log/verify', ...guard, async (_req, res) => {
    res.set('cache-control', 'no-store').json(await options.log.verify());
  });
  return router;
}

/** For a service's OpenAPI document. */
export const SECURITY_LOG_ROUTES: RouteDescription[] = [
  {
    method: 'get',
    path: '/api/admin/security-log',
    summary: '安全日志 (The security log, newest first: sign-ins, lockouts, user and key changes, exports, downloads, reveals)',
    tags: ['admin'],
    security: ['session'],
    query: SecurityLogQuerySchema,
    responses: {
      200: { description: 'One page of entries', schema: PageView },
      400: { description: 'An unknown kind or a bad date' },
      403: { description: 'Not an admin or auditor (of this agency)' },
    },
  },
  {
    method: 'get',
    path: '/api/admin/security-log.csv',
    summary: '安全日志导出 CSV (Every matching entry as CSV, oldest first: Chinese headers, Beijing times, kinds in words)',
    tags: ['admin'],
    security: ['session'],
    query: SecurityLogQuerySchema.omit({ limit: true, before: true }),
    responses: { 200: { description: 'text/csv; UTF-8 with a byte-order mark' }, 403: { description: 'Not an admin or auditor (of this agency)' } },
  },
  {
    method: 'get',
    path: '/api/admin/security-log/verify',
    summary: '安全日志校验 (Walks the hash chain; names the first entry that does not verify)',
    tags: ['admin'],
    security: ['session'],
    responses: { 200: { description: 'The verification', schema: VerificationView }, 403: { description: 'Not an admin or auditor (of this agency)' } },
  },
];
