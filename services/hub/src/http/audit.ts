import { BadRequest } from '@hub/service-kit';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { caseParams, openCase, readCase } from '../audit/case.js';
import { EXPORT_FORMATS, exportFile } from '../audit/export.js';
import { HTML_EXPORT_CSP } from '../audit/export-html.js';
import { contentDisposition } from '../audit/file-name.js';
import { history, replay, type AsOf } from '../audit/replay.js';
import { verifyCase } from '../audit/verify.js';
import { EXPORT_BODY_LIMIT, EXPORT_MEDIA_TYPE, exportBody, verifyExportFile } from '../audit/verify-export.js';
import type { HistoryAnswer, ReplayAnswer, Verification, VerifiedExport } from '../audit/wire.js';
import { viewerOf } from './viewer.js';
import type { HubContext, HubRoutes } from '../context.js';

const decimal = z.string().regex(/^\d{1,19}$/);
const stateQuery = z.object({
  revision: decimal.optional().describe('the state right after this stream revision'),
  position: decimal.optional().describe('the state as of this global store position'),
  at: z.iso.datetime({ offset: true }).optional().describe('the state as of this moment (ISO 8601)'),
  by: z
    .enum(['recorded', 'occurred'])
    .optional()
    .describe('with `at`: recorded (default, 按记录时间) folds the events recorded by then; occurred (按发生时间) the acts that had happened by then'),
});
const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('json') });
/** For the documentation only: the verifier itself says what is missing or malformed. */
const exportDocument = z
  .looseObject({
    format: z.literal('labor-hub-audit/1'),
    caseId: z.string(),
    stream: z.string().optional(),
    exportedAt: z.string().optional(),
    events: z.array(z.unknown()),
    signatures: z.array(z.unknown()),
    witnesses: z.array(z.unknown()),
    publicKeys: z.array(z.unknown()),
  })
  .describe('a case export as GET /api/cases/:caseId/export?format=json wrote it');

function asOfFrom(query: z.output<typeof stateQuery>): AsOf {
  const given = (['revision', 'position', 'at'] as const).filter((k) => query[k] !== undefined);
  if (given.length > 1) {
    throw new BadRequest(
      'revision、position、at 只能给出其中一个',
      'Give at most one of revision, position and at',
      given.map((path) => ({ path, message: 'only one of revision, position, at' })),
    );
  }
  if (query.revision !== undefined) return { kind: 'revision', revision: BigInt(query.revision) };
  if (query.position !== undefined) return { kind: 'position', position: BigInt(query.position) };
  if (query.by !== undefined && query.at === undefined) {
    throw new BadRequest('by 只能与 at 一起使用', 'by goes with at only', [{ path: 'by', message: 'give at as well' }]);
  }
  if (query.at !== undefined) return { kind: 'at', at: new Date(query.at), by: query.by ?? 'recorded' };
  return { kind: 'latest' };
}

/**
 * The auditor's part of the hub: a case replayed as of any moment, its history verified (hash
 * chain, agency signatures with the hub's trusted keys, cross-agency witnesses) and exported.
 * Access is the timeline's: auditors any case, others the cases their agency takes part in.
 * Everything is read from the store itself, not from a read model that could be stale or rebuilt.
 */
export const auditRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/cases/:caseId/state', ctx.authenticate, async (req, res) => {
      const asOf = asOfFrom(stateQuery.parse(req.query));
      const { caseId } = await openCase(ctx, req);
      res.json(replay(caseId, await readCase(ctx.store, caseId), asOf) satisfies ReplayAnswer);
    });
    router.get('/api/cases/:caseId/history', ctx.authenticate, async (req, res) => {
      const { caseId } = await openCase(ctx, req);
      res.json({ caseId, steps: history(await readCase(ctx.store, caseId)) } satisfies HistoryAnswer);
    });
    const verify = async (req: Request, res: Response) => {
      const { caseId } = await openCase(ctx, req);
      res.json((await verifyCase(ctx, caseId)).verification satisfies Verification);
    };
    router.post('/api/cases/:caseId/verify', ctx.authenticate, verify);
    router.get('/api/cases/:caseId/verify', ctx.authenticate, verify);
    router.get('/api/cases/:caseId/export', ctx.authenticate, async (req, res) => {
      const { format } = exportQuery.parse(req.query);
      const { caseId, viewer } = await openCase(ctx, req);
      const { material, verification } = await verifyCase(ctx, caseId);
      const exportedAt = ctx.clock();
      const file = await exportFile(format, material, verification, exportedAt, viewer);
      // The hub holds no personal data in the clear, so this is not an access-log entry; the
      // hub's log and its security log still say who took which case away, and in what shape.
      ctx.logger.info(
        { caseId, format, agency: viewer.agency, userId: viewer.userId, events: material.events.length, verified: verification.ok },
        'case exported',
      );
      await ctx.securityLog.recordFor(req, {
        kind: 'export',
        subject: `case-${caseId}`,
        detail: { format, events: material.events.length, verified: verification.ok },
      });
      res.set('content-type', file.contentType);
      res.set('content-disposition', contentDisposition(file.disposition, file.filename, file.asciiFilename));
      res.set('cache-control', 'no-store');
      if (format === 'html') res.set('content-security-policy', HTML_EXPORT_CSP);
      res.send(file.body);
    });
    router.post('/api/audit/verify-export', ctx.authenticate, exportBody, (req, res) => {
      const viewer = viewerOf(req);
      const result = verifyExportFile(ctx, req.body);
      ctx.logger.info(
        { caseId: result.caseId, verdict: result.verdict, failures: result.failures, agency: viewer.agency, userId: viewer.userId },
        'export file verified',
      );
      res.json(result satisfies VerifiedExport);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/cases/:caseId/state',
      tags: ['audit'],
      security: ['session'],
      params: caseParams,
      query: stateQuery,
      summary: '案件回放：某一时刻的案件状态 (Replay: the case state as of a revision, a position or a time; none = latest)',
      responses: {
        '200': { description: 'asOf, the masked state, the event that produced it, previous/next revision' },
        '400': { description: 'more than one of revision, position, at' },
        '404': { description: 'no such case (or not yours), or no such revision' },
      },
    },
    {
      method: 'get',
      path: '/api/cases/:caseId/history',
      tags: ['audit'],
      security: ['session'],
      params: caseParams,
      summary: '案件历史步骤 (Every step of the case: revision, position, type, label, time)',
      responses: { '200': { description: 'the steps, in revision order' }, '404': { description: 'no such case, or not yours' } },
    },
    {
      method: 'post',
      path: '/api/cases/:caseId/verify',
      tags: ['audit'],
      security: ['session'],
      params: caseParams,
      summary: '案件核验 (Verify: hash chain, agency signatures with trusted keys, cross-agency witnesses; also GET)',
      responses: { '200': { description: '{ok, checks: {chain, signatures, witnesses}, problems}' }, '404': { description: 'no such case, or not yours' } },
    },
    {
      method: 'get',
      path: '/api/cases/:caseId/export',
      tags: ['audit'],
      security: ['session'],
      params: caseParams,
      query: exportQuery,
      summary: '案件导出 (Export: json for the offline verifier; csv, xlsx, html for people, personal data masked)',
      description:
        "The file is named after the case's 案号 (〔2026〕浙0106工维字第12号-审计导出.csv, -审计报告.html), characters file systems refuse replaced by _, as Content-Disposition filename*=UTF-8''… (RFC 5987) with an ASCII filename=\"case-<caseId>.…\" fallback; a case without a number keeps case-<caseId>.… The JSON carries caseNumber, the CSV and XLSX a 案号 column.",
      responses: { '200': { description: 'the file, named after the case' }, '404': { description: 'no such case, or not yours' } },
    },
    {
      method: 'post',
      path: '/api/audit/verify-export',
      tags: ['audit'],
      security: ['session'],
      request: exportDocument,
      summary: "核验导出文件 (Verify an exported JSON proof file with the offline verifier's own checks, the hub's trusted keys pinned)",
      description:
        `The body is the file as exported. Sent as application/json it is subject to the hub's general 1 MB body limit; sent as ${EXPORT_MEDIA_TYPE} it may be up to ${EXPORT_BODY_LIMIT}. ` +
        "The answer is the verifier's structured result (services/hub/verifier/verify-audit.mjs verifyExport): ok, proven, exitCode (0 passed, 1 failed, 3 verified but not proven complete), " +
        'checks [{id: identity|chain|signatures|witnesses, ok, problems [{kind, revision, agency, expected, found, zh, en}]}], completeness, and notices about keys in the file the hub does not trust.',
      responses: {
        '200': { description: 'the verification; ok false names each failure and its revision' },
        '400': { description: "the body is not a usable labor-hub-audit/1 file (the offline tool's exit 2), or not JSON" },
        '401': { description: 'not signed in' },
        '413': { description: `larger than 1 MB as application/json, or than ${EXPORT_BODY_LIMIT} as ${EXPORT_MEDIA_TYPE}` },
      },
    },
  ],
};
