/**
 * GET /api/regions: the administrative divisions (行政区划, GB/T 2260) people choose a region by
 * name from — provinces, prefecture-level units and county-level units with their codes, from
 * services/hub/data/gbt2260-regions.json (its `source` says where the data came from). The file is
 * read and compressed once; the answer never changes while the hub runs, so browsers keep it a day.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Router } from 'express';
import type { HubContext, HubRoutes } from '../context.js';

export const REGIONS_FILE = resolve(import.meta.dirname, '..', '..', 'data', 'gbt2260-regions.json');

let cached: { json: Buffer; gzip: Buffer } | undefined;
function regionsFile(): { json: Buffer; gzip: Buffer } {
  if (!cached) {
    const json = readFileSync(REGIONS_FILE);
    cached = { json, gzip: gzipSync(json) };
  }
  return cached;
}

export const regionsRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/regions', ctx.authenticate, (req, res) => {
      const file = regionsFile();
      res.set('cache-control', 'private, max-age=86400');
      res.set('vary', 'accept-encoding');
      res.type('application/json');
      if (req.acceptsEncodings('gzip') === 'gzip') {
        res.set('content-encoding', 'gzip');
        res.send(file.gzip);
      } else res.send(file.json);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/regions',
      tags: ['cases'],
      security: ['session'],
      summary: 'The administrative divisions (GB/T 2260): provinces, prefecture-level and county-level units, each with its code and name',
      responses: { '200': { description: '{ source, license, divisions: [{ code, name, children }] }' } },
    },
  ],
};
