/** What the audit specs share: a case with history, a real agency service as witness, plain SQL on the store file. */
import { sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAgencyService, type AgencyService, type AgencyServiceOptions } from '@hub/agency-service';
import type { AgencyId } from '@hub/contracts';
import { recomputeHash } from '@hub/event-store';
import { contentDigest, createLogger, proofMessage, readPublishedKeys } from '@hub/service-kit';
import { onTestFinished } from 'vitest';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture, sealed, type HubFixture } from '../support/fixture.js';

/** The hub reads `agencyUrls` when it verifies, so a spec can fill it in once a service listens. */
export async function auditFixture(options: Parameters<typeof hubFixture>[0] = {}): Promise<HubFixture & { agencyUrls: Partial<Record<AgencyId, string>> }> {
  const agencyUrls: Partial<Record<AgencyId, string>> = {};
  const fx = await hubFixture({ ...options, agencyUrls });
  return Object.assign(fx, { agencyUrls });
}

/** A case of five events over three days, by two agencies, one worker's personal data sealed. */
export async function caseWithHistory(fx: HubFixture): Promise<{ caseId: string; leadId: string }> {
  const caseId = id();
  const leadId = id();
  await fx.act('union', caseId, openCase(caseId, { workers: [{ workerId: id(), name: sealed(), phone: sealed() }], workerCount: 1 }));
  fx.advance(3_600_000);
  await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已电话告知受理情况' }));
  fx.advance(86_400_000);
  await fx.act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' }));
  fx.advance(86_400_000);
  await fx.act('procuratorate', caseId, cmd('AcceptLead', { leadId }));
  fx.advance(3_600_000);
  await fx.act('procuratorate', caseId, cmd('GiveLeadFeedback', { leadId, summary: '已立案监督' }));
  await fx.settle();
  return { caseId, leadId };
}

export interface RunningAgency {
  service: AgencyService;
  url: string;
}

/** A real agency service on the hub's store, listening on an ephemeral port; its witness runs when the spec says. */
export async function bootAgency(fx: HubFixture, agency: AgencyId, options: Partial<AgencyServiceOptions> = {}): Promise<RunningAgency> {
  const service = await createAgencyService({
    agency,
    store: fx.store,
    dataDir: join(fx.dir, `svc-${agency}`),
    logger: createLogger({ name: agency, level: 'silent' }),
    vaultKey: Buffer.alloc(32, 3),
    witnessIntervalMs: 0,
    clock: fx.now,
    ...options,
  });
  const server: Server = await new Promise((resolve) => {
    const s = service.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await service.close();
  });
  // The hub follows published keys live: wait until it trusts the key the service just published.
  const deadline = Date.now() + 5_000;
  const published = async () => {
    const keys = await readPublishedKeys(fx.store);
    return keys.filter((k) => k.agency === agency && k.purpose === 'events').map((k) => k.keyId);
  };
  const wanted = await published();
  while (!wanted.every((k) => fx.hub.keys.trusted('events').some((t) => t.keyId === k))) {
    if (Date.now() > deadline) throw new Error(`the hub never trusted ${agency}'s published key`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { service, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Runs `f` on the store's SQLite file through a second connection: the operator's plain SQL, bypassing the store. */
export function operatorSql<T>(fx: HubFixture, f: (db: Database.Database) => T): T {
  const db = new Database(join(fx.dir, 'events.db'));
  try {
    return f(db);
  } finally {
    db.close();
  }
}

/**
 * What a forger with keys of their own does to an exported file (its events signed inline): signs
 * the proofs of each agency in `keys` again with its key, recomputing the chain as it goes (a
 * proof signs the hash of the head before it, so every later proof must be made again too).
 */
export function reproveExport(doc: any, keys: Record<string, { keyId: string; privateKey: KeyObject }>): any {
  const forged = structuredClone(doc);
  const events = forged.events as any[];
  let prevHash: string | null = null;
  events.forEach((e, i) => {
    e.metadata.prevHash = prevHash;
    const proof = e.metadata.proof;
    const key = keys[e.metadata.agency];
    if (proof && key) {
      const run = events.slice(i, i + proof.count).map((r) => ({ ...r, revision: BigInt(r.revision) }));
      const message = proofMessage(e.stream, BigInt(e.revision), prevHash, run.map(contentDigest));
      e.metadata.proof = { ...proof, keyId: key.keyId, signature: sign(null, Buffer.from(message, 'utf8'), key.privateKey).toString('base64') };
    }
    e.metadata.hash = recomputeHash({ ...e, revision: BigInt(e.revision), position: BigInt(e.position) });
    prevHash = e.metadata.hash;
  });
  return forged;
}
