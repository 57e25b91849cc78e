import { BadRequest, requireRole } from '@hub/service-kit';
import { UnknownProjection, type RebuildProgress } from '@hub/projections';
import { Router } from 'express';
import { z } from 'zod';
import type { HubContext, HubRoutes } from '../context.js';
import { rebuildReadModels } from './rebuild.js';

const rebuildBody = z.strictObject({
  /** Read model names; absent or empty: all of them. */
  projections: z.array(z.string().min(1).max(63)).max(50).optional(),
});

const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/**
 * Operators' routes. A rebuild answers as it goes: one JSON line per progress report
 * (application/x-ndjson), then a last line `{"done":true,…}` — or `{"error":…}` if it failed —
 * so a command line or a console can draw a progress bar from the response alone.
 */
export const adminRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/admin/projections', ctx.authenticate, requireRole('admin', 'auditor'), async (_req, res) => {
      res.type('application/json').send(json({ projections: await ctx.projections.status() }));
    });
    router.post('/api/admin/rebuild', ctx.authenticate, requireRole('admin'), async (req, res) => {
      const body = rebuildBody.parse(req.body ?? {});
      const known = (await ctx.projections.status()).map((s) => s.name);
      const names = body.projections && body.projections.length > 0 ? body.projections : known;
      const unknown = names.filter((n) => !known.includes(n));
      if (unknown.length > 0) {
        throw new BadRequest(
          `没有这些读模型：${unknown.join('、')}（现有：${known.join('、')}）`,
          `No such read models: ${unknown.join(', ')} (there are: ${known.join(', ')})`,
        );
      }
      ctx.logger.info({ projections: names, by: req.actor?.userId }, 'rebuilding read models');
      res.status(200).type('application/x-ndjson');
      res.flushHeaders();
      const write = (line: unknown) => {
        if (!res.writableEnded && !res.destroyed) res.write(`${json(line)}\n`);
      };
      try {
        const finals = await rebuildReadModels(ctx.projections, names, (all: readonly RebuildProgress[]) => write({ progress: all }));
        write({ done: true, progress: finals });
      } catch (error) {
        const message = error instanceof UnknownProjection ? error.message : error instanceof Error ? error.message : String(error);
        ctx.logger.error({ err: error }, 'rebuild failed');
        write({ error: message });
      }
      res.end();
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/admin/projections',
      tags: ['admin'],
      security: ['session'],
      summary: 'Every read model: version, checkpoint, lag, state, last error, rebuild progress',
      responses: { '200': { description: 'status per read model' } },
    },
    {
      method: 'post',
      path: '/api/admin/rebuild',
      tags: ['admin'],
      security: ['session'],
      summary: 'Rebuild read models from position 0 while the hub keeps serving; streams progress as NDJSON',
      request: rebuildBody,
      responses: {
        '200': { description: 'NDJSON: {"progress":[…]} lines, then {"done":true,…} or {"error":…}' },
        '400': { description: 'unknown read model' },
      },
    },
  ],
};
