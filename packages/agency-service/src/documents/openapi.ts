import { documentKinds, documentMediaTypes } from '@hub/contracts';
import type { RouteDescription } from '@hub/service-kit';
import { z } from 'zod';
import { idempotencyHeaders, idempotentResponses } from '../idempotency-openapi.js';
import { uploadQuery } from './routes.js';

const security = ['session', 'apiKey'] as const;
const caseParams = z.object({ caseId: z.uuid() });
const documentParams = z.object({ caseId: z.uuid(), documentId: z.uuid() });

const Attached = z
  .object({
    caseId: z.uuid(),
    documentId: z.uuid(),
    sha256: z.string().describe('lowercase hex SHA-256 of the file (of its plaintext, also when stored encrypted)'),
    size: z.int(),
    mediaType: documentMediaTypes.schema,
    revision: z.string(),
    position: z.string(),
    events: z.array(z.string()),
  })
  .meta({ id: 'DocumentAttachedAnswer' });

const DocumentItem = z
  .object({
    documentId: z.uuid(),
    eventId: z.uuid(),
    revision: z.string(),
    act: z.object({ eventId: z.uuid(), type: z.string() }).nullable(),
    kind: documentKinds.schema,
    fileName: z.string().nullable().describe("null when it is a worker's personal data this reader may not see"),
    mediaType: documentMediaTypes.schema,
    size: z.int(),
    sha256: z.string(),
    attachedBy: z.string(),
    attachedByUser: z.object({ userId: z.string(), name: z.string().nullable() }),
    recordedAt: z.string(),
    personal: z.object({ workerId: z.uuid(), erased: z.boolean() }).nullable(),
    downloadable: z.boolean(),
  })
  .meta({ id: 'DocumentView' });

const DocumentList = z.object({ caseId: z.uuid(), maxBytes: z.int(), documents: z.array(DocumentItem) }).meta({ id: 'DocumentList' });

/** Documents of a case (docs/documents.md). */
export const documentRouteDocs: RouteDescription[] = [
  {
    method: 'post',
    path: '/api/cases/:caseId/documents',
    params: caseParams,
    query: uploadQuery,
    operationId: 'AttachDocument',
    summary: '上传材料 (Attach a document)',
    tags: ['documents'],
    description:
      'The request body is the file itself (any Content-Type; ignored). Its type is judged by content: PDF, JPEG, PNG, WebP, docx, xlsx, doc, xls. ' +
      'At most DOCUMENT_MAX_BYTES (20 MB by default). With `workerId` the file is stored encrypted under that worker’s vault key and its name ' +
      'enters the event encrypted. Appends DocumentAttached (signed) to the case stream.',
    security,
    headers: idempotencyHeaders,
    responses: idempotentResponses({
      201: { description: 'Stored and recorded', schema: Attached },
      400: { description: 'Invalid query (zod issues in `errors`), or an empty or interrupted body' },
      401: { description: 'Not logged in' },
      403: {
        description: 'Not a liaison, or the agency takes no part in the case, or a personal file by an agency without the worker’s key (`R1.vault-holder`)',
      },
      404: { description: 'No such case, or one this agency may not read' },
      409: { description: 'The act or worker named is not the case’s (`CHAIN.document-act`, `CHAIN.document-worker`)' },
      413: { description: 'The file is over the limit; nothing kept' },
      415: { description: 'The content is none of the allowed types, whatever its name; nothing kept' },
    }),
  },
  {
    method: 'get',
    path: '/api/cases/:caseId/documents',
    params: caseParams,
    operationId: 'ListDocuments',
    summary: '案件材料 (The case’s documents)',
    tags: ['documents'],
    security,
    responses: {
      200: { description: 'Every DocumentAttached of the case, oldest first', schema: DocumentList },
      404: { description: 'No such case, or one this agency may not read' },
    },
  },
  {
    method: 'get',
    path: '/api/cases/:caseId/documents/:documentId',
    params: documentParams,
    operationId: 'DownloadDocument',
    summary: '下载材料 (Download a document)',
    tags: ['documents'],
    description: 'The bytes, checked against the signed hash before they are sent (X-Document-SHA256). Every download is written to the access log.',
    security,
    responses: {
      200: { description: 'The file (its recorded media type), as an attachment' },
      403: { description: 'A worker’s personal file, at an agency that does not hold the worker’s key' },
      404: { description: 'No such case or document, or a case this agency may not read' },
      410: { description: 'The worker’s personal data was erased: the file can no longer be read; its hash still verifies' },
    },
  },
];
