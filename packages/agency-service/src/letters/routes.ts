/**
 * GET /api/cases/:caseId/letters/:letterId/pdf — a letter of the case as the PDF it was issued
 * as, for whoever may read the case (the same 404 as the case's for others). The PDF is rendered
 * again from the signed event's data and checked against the SHA-256 the event holds before it is
 * sent: what is printed is provably what was issued.
 */
import { readCatalogEvent, uuidSchema, type EventDataOf } from '@hub/contracts';
import { caseStream } from '@hub/case-domain';
import type { EventStore } from '@hub/event-store';
import { letterContentOf } from '@hub/letters';
import { Conflict, NotFound } from '@hub/service-kit';
import { Router, type RequestHandler } from 'express';
import { caseIdParam, mayRead, noSuchCase } from '../cases/access.js';
import { loadCase } from '../cases/load.js';
import type { LetterPrinter } from './printer.js';

export interface LetterRoutesOptions {
  readonly store: EventStore;
  readonly printer: LetterPrinter;
  readonly authenticate: RequestHandler;
}

const noSuchLetter = (letterId: string) => new NotFound('本案没有这份文书', `No letter ${letterId} in this case`);

/** RFC 6266 / 8187: a Chinese file name for browsers, an ASCII fallback for the rest. */
function contentDisposition(documentNo: string): string {
  return `inline; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(`${documentNo}.pdf`)}`;
}

export function letterRoutes(options: LetterRoutesOptions): Router {
  const router = Router();
  router.get('/api/cases/:caseId/letters/:letterId/pdf', options.authenticate, async (req, res) => {
    const caseId = caseIdParam(req);
    const letterId = String(req.params['letterId']);
    if (!uuidSchema.safeParse(letterId).success) throw noSuchLetter(letterId);
    const loaded = await loadCase(options.store, caseId);
    if (loaded.revision === null || !mayRead(req.actor!, loaded.participants)) throw noSuchCase(caseId);
    let data: EventDataOf<'SupervisionLetterIssued'> | undefined;
    for await (const recorded of options.store.readStream(caseStream(caseId))) {
      if (recorded.type !== 'SupervisionLetterIssued') continue;
      const event = readCatalogEvent(recorded);
      if (event.type === 'SupervisionLetterIssued' && event.data.letterId === letterId) data = event.data;
    }
    if (!data) throw noSuchLetter(letterId);
    if (!data.document || data.documentNo === undefined) {
      throw new NotFound(
        '这份文书未在本系统签发电子文本（编号由外部给出或为早期记录）',
        'This letter was not issued as a document here (numbered outside the hub, or recorded before letters were documents)',
      );
    }
    const rendered = await options.printer.print(letterContentOf(data));
    if (rendered.sha256 !== data.document.sha256) {
      throw new Conflict(
        'LETTER.hash-mismatch',
        '重新生成的文书与签发记录的哈希不一致，未发送',
        'The letter rendered again does not match the hash its issuance recorded; not sent',
        { recorded: data.document.sha256, rendered: rendered.sha256 },
      );
    }
    res
      .status(200)
      .type('application/pdf')
      .set('content-disposition', contentDisposition(data.documentNo))
      .set('etag', `"${rendered.sha256}"`)
      .set('x-letter-sha256', rendered.sha256)
      .set('cache-control', 'private, no-store')
      .send(Buffer.from(rendered.bytes));
  });
  return router;
}

export const letterRouteDocs = [
  {
    method: 'get' as const,
    path: '/api/cases/:caseId/letters/:letterId/pdf',
    summary: '下载文书 PDF (A letter of the case as its issued PDF)',
    description:
      'The letter (提示函, 意见书, 建议书, 检察建议书, 责令改正决定书) as the A4 PDF issued with its 文号 (GB/T 9704-2012 layout), ' +
      'rendered again from the signed SupervisionLetterIssued and checked against the SHA-256 the event records (also sent as `X-Letter-SHA256` and the ETag). ' +
      'Answered as `application/pdf`, `Content-Disposition: inline` with the 文号 as the file name. Same read rule as the case.',
    tags: ['cases'],
    security: ['session', 'apiKey'] as const,
    responses: {
      200: { description: 'application/pdf: the letter' },
      404: { description: 'No such case (or not readable by your agency), no such letter, or a letter not issued as a document' },
      409: { description: 'The rendered PDF does not match the recorded hash (`ruleId: LETTER.hash-mismatch`); nothing sent' },
      503: { description: 'Too many letters being rendered at once; try again' },
    },
  },
];
