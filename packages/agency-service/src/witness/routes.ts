import { BadRequest, requireRole } from '@hub/service-kit';
import { Router, type RequestHandler } from 'express';
import type { WitnessCopy } from './copy.js';
import { proofFor } from '@hub/service-kit';
import type { Witness } from './witness.js';

export interface WitnessRoutesOptions {
  agency: string;
  copy: WitnessCopy;
  witness: Witness;
  authenticate: RequestHandler;
}

/** A case stream name: nothing else is ever witnessed, and the check keeps the query tame. */
const CASE_STREAM = /^case-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /api/witness/heads?stream=case-… is public: the hub (and anyone checking the hub) fetches
 * it with no user session. It answers only hashes — for each of this agency's records naming the
 * stream: that stream's revision and hash, the record's other heads as leaf digests (never their
 * stream names), and the signature — so it says nothing about people and nothing about other
 * cases beyond how many heads a record held. The answer comes from the local copy, not the store.
 *
 * POST /api/witness/run records the heads now (admins and auditors of this agency).
 */
export function witnessRoutes(options: WitnessRoutesOptions): Router {
  const { agency, copy, witness } = options;
  const router = Router();
  router.get('/api/witness/heads', async (req, res) => {
    const stream = req.query['stream'];
    if (typeof stream !== 'string' || !CASE_STREAM.test(stream)) {
      throw new BadRequest('stream 须为案件流名称（case-<案件编号>）', 'stream must name a case stream (case-<caseId>)', [
        { path: 'stream', message: 'case-<uuid>' },
      ]);
    }
    const records = (await copy.forStream(stream)).flatMap((kept) => {
      const proof = proofFor(kept.record, stream);
      return proof ? [{ ...proof, inStore: kept.inStore }] : [];
    });
    res.set('cache-control', 'no-store').json({ agency, stream, records });
  });
  router.post('/api/witness/run', options.authenticate, requireRole('admin', 'auditor'), async (_req, res) => {
    const made = await witness.run();
    res.status(201).json({
      agency,
      records: made.map((k) => ({
        sequence: k.record.sequence,
        takenAt: k.record.takenAt,
        position: k.record.position,
        heads: k.record.heads.length,
        digest: k.digest,
      })),
    });
  });
  return router;
}
