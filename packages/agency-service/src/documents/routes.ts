/**
 * Documents of a case: upload (POST, the file as the raw body, what it is in the query), list,
 * and download. The bytes go to the deployment's document store by content; the DocumentAttached
 * event, appended through the one command handler and signed like every act, carries their
 * SHA-256, size, type and name. Reads follow the case's read rules; every download is written to
 * the access log. See docs/documents.md.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { attachDocument, caseStream, type AttachDocumentData, type OpenedCase } from '@hub/case-domain';
import { documentFileNameSchema, documentKinds, LIAISON, strictError, uuidSchema } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { Forbidden, hubUuid, isEncryptedField, NotFound, requireRole, type AccessLog, type Actor, type SecurityLog, type Vault } from '@hub/service-kit';
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { handleCommand, type CommandEnv } from '../commands/handle.js';
import { caseIdParam, mayRead, noSuchCase } from '../cases/access.js';
import { loadCase } from '../cases/load.js';
import { traceOf } from '../cases/routes.js';
import { markReplayed } from '../idempotency.js';
import { documentsOf, type RecordedDocument } from './read.js';
import { sniffFile } from './sniff.js';
import { documentKey, type DocumentStore } from './store.js';
import { DocumentErased, DocumentUnreadable, unsupportedType } from './errors.js';
import { receiveUpload } from './upload.js';
import type { DocumentAttachedAnswer, DocumentList, DocumentView } from './wire.js';

export interface DocumentRoutesOptions extends CommandEnv {
  readonly vault: Vault;
  readonly accessLog: AccessLog;
  /** Downloads are security events too (docs/security-log.md). */
  readonly securityLog?: SecurityLog;
  readonly authenticate: RequestHandler;
  readonly documents: DocumentStore;
  readonly maxBytes: number;
}

export const uploadQuery = z.strictObject(
  {
    fileName: documentFileNameSchema,
    kind: documentKinds.schema.default('evidence'),
    actEventId: uuidSchema.optional(),
    /** The worker whose personal data the file holds: it is stored encrypted under their vault key. */
    workerId: uuidSchema.optional(),
  },
  strictError,
);

const documentIdParam = (req: Request, caseId: string): string => {
  const id = String(req.params['documentId']);
  if (!uuidSchema.safeParse(id).success) throw noSuchDocument(caseId, id);
  return id;
};
const noSuchDocument = (caseId: string, documentId: string) => new NotFound('本案件没有这份材料', `Case ${caseId} has no document ${documentId}`);

export function documentRoutes(options: DocumentRoutesOptions): Router {
  const { store, vault, agency, documents } = options;
  const router = Router();
  const liaison = requireRole(...LIAISON);

  router.post('/api/cases/:caseId/documents', options.authenticate, liaison, async (req, res) => {
    const actor = req.actor!;
    const caseId = caseIdParam(req);
    const query = uploadQuery.parse(req.query);
    // Refusals that need no bytes come before a byte is read: who may act, the act, the worker.
    const before = await readForDocuments(caseId, actor);
    const precheck: AttachDocumentData = {
      documentId: randomUUID(),
      kind: query.kind,
      fileName: query.fileName,
      mediaType: 'application/pdf',
      size: 1,
      sha256: '0'.repeat(64),
      ...(query.actEventId ? { actEventId: query.actEventId } : {}),
      ...(query.workerId ? { personal: { workerId: query.workerId } } : {}),
    };
    attachDocument(precheck, before.state, before, actor);

    const received = await receiveUpload(req, documents.tempDir, options.maxBytes);
    let kept = received.path;
    try {
      const mediaType = await sniffFile(received.path, received.size);
      if (mediaType === null) throw unsupportedType();
      if (query.workerId !== undefined) {
        const sealed = await vault.encryptBytes(query.workerId, await readFile(received.path), received.sha256);
        kept = `${received.path}.sealed`;
        await writeFile(kept, sealed, { flag: 'wx' });
        await rm(received.path, { force: true });
      }
      await documents.put(documentKey(received.sha256, query.workerId), kept);

      const body = {
        fileName: query.fileName,
        kind: query.kind,
        actEventId: query.actEventId ?? null,
        workerId: query.workerId ?? null,
        sha256: received.sha256,
      };
      const mark = options.requests.markFor(req.get('idempotency-key') ?? null, actor, `AttachDocument ${caseId}`, body);
      const documentId = mark.key === null ? randomUUID() : hubUuid(`document:${agency}:${mark.key}`);
      const data: AttachDocumentData = {
        documentId,
        kind: query.kind,
        fileName: query.workerId !== undefined ? await vault.encryptField(query.workerId, query.fileName) : query.fileName,
        mediaType,
        size: received.size,
        sha256: received.sha256,
        ...(query.actEventId ? { actEventId: query.actEventId } : {}),
        ...(query.workerId ? { personal: { workerId: query.workerId } } : {}),
      };
      const stream = caseStream(caseId);
      const outcome = await handleCommand(
        options,
        actor,
        { ...traceOf(req), request: mark },
        {
          stream,
          read: () => readForDocuments(caseId, actor),
          decide: (read) => attachDocument(data, read.state, read, actor),
        },
      );
      // A replay answers with the document the first request attached.
      const attached = await eventAt(options, stream, BigInt(outcome.result.revision));
      const answer = (attached?.data ?? data) as AttachDocumentData;
      markReplayed(res, outcome)
        .status(201)
        .location(`/api/cases/${caseId}/documents/${answer.documentId}`)
        .json({
          caseId,
          documentId: answer.documentId,
          sha256: answer.sha256,
          size: answer.size,
          mediaType: answer.mediaType,
          ...outcome.result,
        } satisfies DocumentAttachedAnswer);
    } finally {
      await rm(kept, { force: true });
      await rm(received.path, { force: true });
    }
  });

  router.get('/api/cases/:caseId/documents', options.authenticate, async (req, res) => {
    const actor = req.actor!;
    const { caseId, state, recorded, events } = await readableDocuments(req);
    const views = await Promise.all(recorded.map((d) => viewOf(d, state, events, actor)));
    const shown = views.filter((v) => v.personal !== null && v.fileName !== null).map((v) => v.personal!.workerId);
    if (shown.length > 0) {
      await options.accessLog.record({
        agency: actor.agency,
        userId: actor.userId,
        userName: actor.name ?? null,
        action: 'view_personal_data',
        subject: `case-${caseId}`,
        detail: { workers: [...new Set(shown)], documents: true },
      });
    }
    res.json({ caseId, maxBytes: options.maxBytes, documents: views } satisfies DocumentList);
  });

  router.get('/api/cases/:caseId/documents/:documentId', options.authenticate, async (req, res) => {
    const actor = req.actor!;
    const { caseId, state, recorded } = await readableDocuments(req);
    const documentId = documentIdParam(req, caseId);
    const document = recorded.find((d) => d.data.documentId === documentId);
    if (!document) throw noSuchDocument(caseId, documentId);
    const { data } = document;
    const workerId = data.personal?.workerId;
    if (workerId !== undefined) {
      if (state.workers[workerId]?.erased === true || (await vault.erasedAt(workerId)) !== null) throw new DocumentErased();
      if (actor.agency !== agency || !(await vault.holds(workerId))) {
        throw new Forbidden(
          '含职工个人信息的材料仅限登记案件的机构查看',
          "A document holding a worker's personal data is shown only at the agency that opened the case",
        );
      }
    }
    const stored = await documents.get(documentKey(data.sha256, workerId));
    if (stored === null) throw new NotFound('材料文件不在本部署的材料库中', `The file of document ${documentId} is not in this deployment's document store`);
    const bytes = workerId === undefined ? stored : await vault.decryptBytes(workerId, stored, data.sha256);
    if (bytes === null) throw new DocumentErased();
    // What is sent is what the signed event proves, or nothing.
    if (createHash('sha256').update(bytes).digest('hex') !== data.sha256) throw new DocumentUnreadable();
    await options.accessLog.record({
      agency: actor.agency,
      userId: actor.userId,
      userName: actor.name ?? null,
      action: 'download_document',
      subject: `case-${caseId}`,
      detail: { documentId, sha256: data.sha256, ...(workerId !== undefined ? { workers: [workerId] } : {}) },
    });
    await options.securityLog?.recordFor(req, { kind: 'download_document', subject: `case-${caseId}`, detail: { documentId, sha256: data.sha256 } });
    const name = (await fileNameOf(data, workerId !== undefined ? vault : null)) ?? `${documentId}`;
    res
      .status(200)
      .set({
        'content-type': data.mediaType,
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        'cache-control': 'private, no-store',
        'x-document-sha256': data.sha256,
      })
      .end(bytes);
  });

  async function readForDocuments(caseId: string, actor: Actor) {
    const events = new Map<string, string>();
    const loaded = await loadCase(store, caseId, (e) => events.set(e.id, e.type));
    if (loaded.revision === null || loaded.state.status === 'none') throw noSuchCase(caseId);
    if (!loaded.participants.has(actor.agency)) {
      if (!mayRead(actor, loaded.participants)) throw noSuchCase(caseId);
      throw new Forbidden('本机构未参与此案件，不能上传材料', 'Your agency takes no part in this case and cannot attach documents');
    }
    return { ...loaded, revision: loaded.revision, state: loaded.state as OpenedCase, events };
  }

  async function readableDocuments(req: Request) {
    const caseId = caseIdParam(req);
    const events = new Map<string, string>();
    const recorded: RecordedDocument[] = [];
    const loaded = await loadCase(store, caseId, (e) => {
      events.set(e.id, e.type);
      const document = documentsOf(e);
      if (document) recorded.push(document);
    });
    if (loaded.revision === null || loaded.state.status === 'none') throw noSuchCase(caseId);
    if (!mayRead(req.actor!, loaded.participants)) throw noSuchCase(caseId);
    return { caseId, state: loaded.state as OpenedCase, recorded, events };
  }

  async function viewOf(d: RecordedDocument, state: OpenedCase, events: ReadonlyMap<string, string>, actor: Actor): Promise<DocumentView> {
    const { data } = d;
    const workerId = data.personal?.workerId;
    const erased = workerId !== undefined && (state.workers[workerId]?.erased === true || (await vault.erasedAt(workerId)) !== null);
    const mayDecrypt = workerId === undefined || (!erased && actor.agency === agency && (await vault.holds(workerId)));
    const actType = data.actEventId === undefined ? undefined : events.get(data.actEventId);
    return {
      documentId: data.documentId,
      eventId: d.eventId,
      revision: d.revision,
      act: data.actEventId === undefined ? null : { eventId: data.actEventId, type: actType ?? 'unknown' },
      kind: data.kind,
      fileName: mayDecrypt ? await fileNameOf(data, workerId !== undefined ? vault : null) : null,
      mediaType: data.mediaType,
      size: data.size,
      sha256: data.sha256,
      attachedBy: data.attachedBy,
      attachedByUser: d.user,
      recordedAt: d.recordedAt,
      personal: workerId === undefined ? null : { workerId, erased },
      downloadable: mayDecrypt,
    };
  }

  return router;
}

async function fileNameOf(data: AttachDocumentData, vault: Vault | null): Promise<string | null> {
  if (typeof data.fileName === 'string') return data.fileName;
  if (!vault || !data.personal || !isEncryptedField(data.fileName)) return null;
  try {
    return await vault.decryptField(data.personal.workerId, data.fileName);
  } catch {
    return null;
  }
}

/** The ASCII fallback of Content-Disposition's filename: anything else becomes _. */
const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|["\\]/g, '_');

async function eventAt(env: Pick<CommandEnv, 'store'>, stream: string, revision: bigint): Promise<RecordedEvent | null> {
  for await (const e of env.store.readStream(stream, { fromRevision: revision, maxCount: 1 })) return e;
  return null;
}
