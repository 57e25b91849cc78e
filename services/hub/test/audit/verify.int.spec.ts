import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { caseStream } from '@hub/case-domain';
import {
  createSigner,
  EVENTS_SIGNED,
  keyIdOf,
  publishKeys,
  rawPublicKey,
  signaturesStream,
  signedMessage,
  verifyStreamSignatures,
  type AgencyKeyPair,
} from '@hub/service-kit';
import { describe, expect, it, vi } from 'vitest';
import { id } from '../support/cases.js';
import { auditFixture, bootAgency, caseWithHistory, operatorSql } from './support.js';

const kinds = (problems: any[], severity = 'failure') =>
  problems.filter((p) => p.severity === severity).map((p) => `${p.check}:${p.kind}@${p.revision ?? '-'}${p.source ? `/${p.source}` : ''}`);

function strangerKey(): Pick<AgencyKeyPair, 'keyId' | 'privateKey' | 'purpose' | 'publicKeyRaw'> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { keyId: keyIdOf(raw), privateKey, purpose: 'events', publicKeyRaw: raw };
}

describe('verification: POST /api/cases/:caseId/verify', () => {
  it('passes an untampered case, witnessed in the store and in the agency\'s own copy; an unreachable agency is "not compared"', async () => {
    const fx = await auditFixture();
    const union = await bootAgency(fx, 'union');
    fx.agencyUrls.union = union.url;
    // A port that just stopped listening: the court's service is down.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    fx.agencyUrls.court = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const { caseId } = await caseWithHistory(fx);
    await union.service.witness.run();

    const reads = vi.spyOn(fx.store, 'readStream');
    const res = await fx.request('POST', `/api/cases/${caseId}/verify`, await fx.token('court', ['auditor']));
    // The newest event carries its proof: nothing is in flight, the case is read once.
    expect(reads.mock.calls.filter(([stream]) => stream === caseStream(caseId))).toHaveLength(1);
    reads.mockRestore();
    expect(res.status).toBe(200);
    expect(kinds(res.body.problems)).toEqual([]);
    expect(res.body.ok).toBe(true);
    expect(res.body.checks.chain).toMatchObject({ ok: true, events: 5, brokenAt: null });
    // Every event's proof is in its own append: no EventsSigned record.
    expect(res.body.checks.signatures).toMatchObject({ ok: true, records: 0, signedEvents: 5 });
    expect(res.body.checks.witnesses).toMatchObject({ ok: true, records: { store: 1, agencyCopies: 1 }, compared: ['union'], witnessedRevision: '4' });
    expect(res.body.checks.witnesses.notCompared).toEqual(
      expect.arrayContaining([
        { agency: 'court', reason: 'unreachable' },
        { agency: 'procuratorate', reason: 'not-configured' },
      ]),
    );
    expect(kinds(res.body.problems, 'notice')).toContain('witnesses:not-compared@-');
    // Same verdict on signatures as service-kit's own verifier.
    expect((await verifyStreamSignatures(fx.store, caseStream(caseId), fx.hub.keys.trusted('events'))).ok).toBe(true);
    // GET works too; parties may verify, others get the timeline's 404.
    expect((await fx.request('GET', `/api/cases/${caseId}/verify`, await fx.token('procuratorate'))).body.ok).toBe(true);
    expect((await fx.request('POST', `/api/cases/${caseId}/verify`, await fx.token('court'))).status).toBe(404);
    expect((await fx.request('POST', `/api/cases/${id()}/verify`, await fx.token('union'))).status).toBe(404);
  });

  it('passes a case whose events were signed in EventsSigned records, as written before the proof moved into the append', async () => {
    const fx = await auditFixture({ signing: 'events-signed' });
    const { caseId } = await caseWithHistory(fx);
    const res = await fx.request('POST', `/api/cases/${caseId}/verify`, await fx.token('court', ['auditor']));
    expect(kinds(res.body.problems)).toEqual([]);
    expect(res.body.checks.signatures).toMatchObject({ ok: true, records: 5, signedEvents: 5 });
  });

  it('catches an event edited with plain SQL on the store file, naming the revision', async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    const changed = operatorSql(
      fx,
      (db) => db.prepare("UPDATE events SET data = json_set(data, '$.summary', '未反馈') WHERE stream = ? AND revision = 1").run(caseStream(caseId)).changes,
    );
    expect(changed).toBe(1);
    const res = await fx.request('POST', `/api/cases/${caseId}/verify`, await fx.token('union', ['auditor']));
    expect(res.body.ok).toBe(false);
    expect(res.body.checks.chain).toMatchObject({ ok: false, brokenAt: '1' });
    // The agency's proof, signed over the content before the store sealed it, fails too: the edit
    // could not be hidden by recomputing the chain's hashes.
    expect(kinds(res.body.problems)).toEqual(['chain:hash-mismatch@1', 'signatures:bad-signature@1', 'signatures:unsigned@1']);
    expect(res.body.problems[0]).toMatchObject({ detail: expect.stringContaining('第 1 版'), detailEn: expect.stringContaining('revision 1') });
  });

  it('catches a flipped byte in a proof inside the append: the chain breaks there and the proof fails', async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    const stream = caseStream(caseId);
    operatorSql(fx, (db) => {
      const row = db.prepare("SELECT json_extract(metadata, '$.proof.signature') AS signature FROM events WHERE stream = ? AND revision = 3").get(stream) as {
        signature: string;
      };
      const sig = Buffer.from(row.signature, 'base64');
      sig[10] = sig[10]! ^ 0x01;
      db.prepare("UPDATE events SET metadata = json_set(metadata, '$.proof.signature', ?) WHERE stream = ? AND revision = 3").run(
        sig.toString('base64'),
        stream,
      );
    });
    const res = await fx.request('POST', `/api/cases/${caseId}/verify`, await fx.token('union', ['auditor']));
    expect(kinds(res.body.problems)).toEqual(['chain:hash-mismatch@3', 'signatures:bad-signature@3', 'signatures:unsigned@3']);
    expect((await verifyStreamSignatures(fx.store, stream, fx.hub.keys.trusted('events'))).problems.map((p) => p.kind)).toEqual(['bad-signature', 'unsigned']);
  });

  it("catches a forged signature record (data written before the proof moved into the append): a stranger's key, a key published but not in the trust file, and a flipped byte", async () => {
    const fx = await auditFixture({ signing: 'events-signed' });
    const { caseId } = await caseWithHistory(fx);
    const stream = caseStream(caseId);
    const auditor = await fx.token('union', ['auditor']);
    expect((await fx.request('POST', `/api/cases/${caseId}/verify`, auditor)).body.ok).toBe(true);

    // Someone publishes a key in the union's name and signs the union's revision 0 with it.
    const forged = strangerKey();
    await publishKeys(fx.store, 'union', [forged]);
    let hash = '';
    for await (const e of fx.store.readStream(stream, { maxCount: 1 })) hash = e.metadata.hash;
    await fx.store.append(signaturesStream('union'), [
      {
        type: EVENTS_SIGNED,
        data: {
          stream,
          fromRevision: '0',
          toRevision: '0',
          hashes: [hash],
          signature: createSigner(forged).sign(signedMessage([hash])),
          keyId: forged.keyId,
          algorithm: 'Ed25519',
        },
        metadata: { agency: 'union' },
      },
    ]);
    let res = await fx.request('POST', `/api/cases/${caseId}/verify`, auditor);
    expect(res.body.ok).toBe(false);
    expect(kinds(res.body.problems)).toEqual(['signatures:unknown-key@0']);
    expect(res.body.problems[0].agency).toBe('union');
    // The forged key is published, and the trust file keeps the hub from trusting it.
    const deadline = Date.now() + 5_000;
    while (!fx.hub.keys.refused().some((k) => k.keyId === forged.keyId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(fx.hub.keys.refused().map((k) => k.keyId)).toContain(forged.keyId);
    expect(fx.hub.keys.trusted('events').map((k) => k.keyId)).not.toContain(forged.keyId);
    // service-kit's verifier agrees when handed the same trusted keys.
    expect((await verifyStreamSignatures(fx.store, stream, fx.hub.keys.trusted('events'))).ok).toBe(false);

    // Flip one byte of the procuratorate's genuine signature over revision 3.
    operatorSql(fx, (db) => {
      const row = db
        .prepare("SELECT position, data FROM events WHERE stream = ? AND json_extract(data, '$.stream') = ? AND json_extract(data, '$.fromRevision') = '3'")
        .get(signaturesStream('procuratorate'), stream) as { position: number; data: string };
      const data = JSON.parse(row.data) as { signature: string };
      const sig = Buffer.from(data.signature, 'base64');
      sig[10] = sig[10]! ^ 0x01;
      db.prepare("UPDATE events SET data = json_set(data, '$.signature', ?) WHERE position = ?").run(sig.toString('base64'), row.position);
    });
    res = await fx.request('POST', `/api/cases/${caseId}/verify`, auditor);
    expect(kinds(res.body.problems)).toEqual(['signatures:unknown-key@0', 'signatures:bad-signature@3', 'signatures:unsigned@3']);
    expect(res.body.checks.chain.ok).toBe(true);
  });

  // Signed inline, the cut takes the proofs with it: only witnesses can tell. Signed in
  // EventsSigned records (old data), the records left behind name the missing revisions too.
  it.each([
    ['inline', []],
    ['events-signed', ['signatures:signed-revision-missing@3', 'signatures:signed-revision-missing@4']],
  ] as const)(
    "catches a truncated tail behind a witness — in the store's record and in the agency's own copy — and still when the operator deletes the store's witness records too (signed %s)",
    async (signing, signatureProblems) => {
      const fx = await auditFixture({ signing });
      const union = await bootAgency(fx, 'union');
      fx.agencyUrls.union = union.url;
      const { caseId } = await caseWithHistory(fx);
      const stream = caseStream(caseId);
      const [record] = await union.service.witness.run();
      expect(record!.record.heads.find((h) => h.stream === stream)?.revision).toBe('4');

      // The operator cuts revisions 3 and 4 off the case stream. What is left still links.
      expect(operatorSql(fx, (db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision >= 3').run(stream).changes)).toBe(2);
      expect((await fx.store.verifyStream(stream)).ok).toBe(true);
      const auditor = await fx.token('hr_bureau', ['auditor']);
      let res = await fx.request('POST', `/api/cases/${caseId}/verify`, auditor);
      expect(res.body.ok).toBe(false);
      expect(res.body.checks.chain).toMatchObject({ ok: true, events: 3 });
      expect(kinds(res.body.problems)).toEqual([...signatureProblems, 'witnesses:truncated@4/store', 'witnesses:truncated@4/agency-copy']);
      expect(res.body.problems.find((p: any) => p.kind === 'truncated').detailEn).toContain('saw revision 4, but the stream ends at revision 2');

      // A thorough operator also deletes the signatures of the cut events and every witness record
      // in the store. The chain and the signatures now hold; the union's own copy, served by the
      // union's service over HTTP, still tells.
      operatorSql(fx, (db) => {
        db.prepare(
          "DELETE FROM events WHERE stream LIKE 'signatures-%' AND json_extract(data, '$.stream') = ? AND CAST(json_extract(data, '$.fromRevision') AS INTEGER) >= 3",
        ).run(stream);
        expect(db.prepare("DELETE FROM events WHERE stream LIKE 'witness-%'").run().changes).toBe(1);
      });
      res = await fx.request('POST', `/api/cases/${caseId}/verify`, auditor);
      expect(res.body.ok).toBe(false);
      expect(res.body.checks.chain.ok).toBe(true);
      expect(res.body.checks.signatures.ok).toBe(true);
      expect(res.body.checks.witnesses).toMatchObject({ ok: false, records: { store: 0, agencyCopies: 1 }, compared: ['union'] });
      expect(kinds(res.body.problems)).toEqual(['witnesses:truncated@4/agency-copy', 'witnesses:missing-from-store@4/agency-copy']);
      expect(res.body.problems[0].agency).toBe('union');

      // Without the agency's address, nothing is left to tell: the case then looks intact, and the
      // answer says plainly that the union's copy was not compared.
      delete fx.agencyUrls.union;
      res = await fx.request('POST', `/api/cases/${caseId}/verify`, auditor);
      expect(res.body.ok).toBe(true);
      expect(res.body.checks.witnesses.notCompared).toContainEqual({ agency: 'union', reason: 'not-configured' });
      expect(res.body.checks.witnesses.compared).toEqual([]);
      expect(kinds(res.body.problems, 'notice')).toContain('witnesses:none-compared@-');
    },
  );
});
