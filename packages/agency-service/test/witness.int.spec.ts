import Database from 'better-sqlite3';
import { readPublishedKeys } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { CHAIN_HEADS_WITNESSED, leafOf, verifyWitnessProof, witnessDigest, witnessInterval, witnessStream, type WitnessRecord } from '../src/witness/index.js';
import { env, openCaseBody, request, streamOf } from './support.js';

async function witnessEvents(e: ReturnType<typeof env>, agency: string): Promise<WitnessRecord[]> {
  const out: WitnessRecord[] = [];
  for await (const event of e.store.readStream(witnessStream(agency))) {
    expect(event.type).toBe(CHAIN_HEADS_WITNESSED);
    out.push(event.data as unknown as WitnessRecord);
  }
  return out;
}

describe('witness: the chain heads an agency has seen', () => {
  it('records the changed case streams, signed and chained, in the store and in its own copy', async () => {
    const e = env();
    const union = await e.boot('union', { witnessIntervalMs: 0 });
    const api = await union.as(['liaison']);
    const a = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;
    const b = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;

    const headBefore = await e.seen.headPosition();
    const first = await union.service.witness.run();
    expect(first).toHaveLength(1);
    const r0 = first[0]!.record;
    const headOf = async (caseId: string) => {
      const events = await streamOf(e.store, caseId);
      return { stream: `case-${caseId}`, revision: events.at(-1)!.revision.toString(), hash: events.at(-1)!.metadata.hash };
    };
    expect(r0).toMatchObject({ agency: 'union', sequence: 0, previous: null, algorithm: 'Ed25519', position: String(headBefore) });
    expect([...r0.heads].sort((x, y) => x.stream.localeCompare(y.stream))).toEqual(
      [await headOf(a), await headOf(b)].sort((x, y) => x.stream.localeCompare(y.stream)),
    );
    expect(await witnessEvents(e, 'union')).toEqual([r0]);

    // Signed with the agency's published events key.
    const key = (await readPublishedKeys(e.store)).find((k) => k.agency === 'union' && k.purpose === 'events' && k.keyId === r0.keyId)!;
    const proof = { ...r0, leaves: r0.heads.map(leafOf), head: r0.heads[0]! };
    expect(verifyWitnessProof(proof, key.publicKey)).toBe(true);
    expect(verifyWitnessProof({ ...proof, position: '1' }, key.publicKey)).toBe(false);
    expect(verifyWitnessProof({ ...proof, head: { ...proof.head, revision: '9' } }, key.publicKey)).toBe(false);

    // Nothing changed: nothing recorded. Then only the stream that changed.
    expect(await union.service.witness.run()).toEqual([]);
    await api('POST', `/api/cases/${a}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知受理情况' });
    const second = await union.service.witness.run();
    expect(second).toHaveLength(1);
    const r1 = second[0]!.record;
    expect(r1.sequence).toBe(1);
    expect(r1.previous).toBe(witnessDigest({ ...r0, leaves: r0.heads.map(leafOf) }));
    expect(r1.heads).toEqual([await headOf(a)]);
    expect(await witnessEvents(e, 'union')).toEqual([r0, r1]);
  });

  it('serves its own copy publicly, hashes only, latest first — still there after the store lost the records', async () => {
    const e = env();
    const union = await e.boot('union', { witnessIntervalMs: 0 });
    const api = await union.as(['liaison']);
    const a = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;
    const b = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;
    await union.service.witness.run();
    await api('POST', `/api/cases/${a}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知受理情况' });
    await union.service.witness.run();

    const anon = request(union.url);
    const heads = await anon('GET', `/api/witness/heads?stream=case-${a}`);
    expect(heads.status).toBe(200);
    expect(heads.body).toMatchObject({ agency: 'union', stream: `case-${a}` });
    expect(heads.body.records.map((r: any) => [r.sequence, r.head.revision, r.inStore])).toEqual([
      [1, '2', true],
      [0, '1', true],
    ]);
    // The record of sequence 0 also held case b: only as a leaf digest, never by name.
    expect(heads.body.records[1].leaves).toHaveLength(2);
    expect(JSON.stringify(heads.body)).not.toContain(b);
    expect(JSON.stringify(heads.body)).not.toContain('某建筑劳务');
    expect((await anon('GET', '/api/witness/heads?stream=agency-union')).status).toBe(400);
    expect((await anon('GET', '/api/witness/heads')).status).toBe(400);

    // The store's operator deletes the witness records: the agency's copy still has them.
    const sql = new Database(e.storePath);
    const deleted = sql.prepare('DELETE FROM events WHERE stream = ?').run(witnessStream('union')).changes;
    sql.close();
    expect(deleted).toBe(2);
    expect(await witnessEvents(e, 'union')).toEqual([]);
    const after = await anon('GET', `/api/witness/heads?stream=case-${a}`);
    expect(after.body.records.map((r: any) => r.sequence)).toEqual([1, 0]);
    expect(after.body.records).toEqual(heads.body.records);
  });

  it('runs on its timer when asked, on demand for admins and auditors, and stops with the service', async () => {
    const e = env();
    const union = await e.boot('union', { witnessIntervalMs: 40 });
    const api = await union.as(['liaison']);
    const caseId = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;
    const deadline = Date.now() + 5_000;
    while ((await witnessEvents(e, 'union')).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const recorded = await witnessEvents(e, 'union');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.heads.map((h) => h.stream)).toEqual([`case-${caseId}`]);

    const court = await e.boot('court', { witnessIntervalMs: 0 });
    const anon = request(court.url);
    expect((await anon('POST', '/api/witness/run')).status).toBe(401);
    expect((await (await court.as(['liaison']))('POST', '/api/witness/run')).status).toBe(403);
    const run = await (await court.as(['admin']))('POST', '/api/witness/run');
    expect(run.status).toBe(201);
    expect(run.body.records).toMatchObject([{ sequence: 0, heads: 1 }]);
    expect(await witnessEvents(e, 'court')).toHaveLength(1);

    await union.service.close();
    // A case stream changes after close: the stopped timer must not witness it.
    await e.store.append(`case-${crypto.randomUUID()}`, [{ type: 'Probe', data: {} }]);
    await new Promise((r) => setTimeout(r, 150));
    expect(await witnessEvents(e, 'union')).toHaveLength(1);
  });

  it('takes its interval from the option, then WITNESS_INTERVAL_MS, and is off under NODE_ENV=test unless asked', () => {
    expect(witnessInterval(500, { WITNESS_INTERVAL_MS: '9' }, 60_000)).toBe(500);
    expect(witnessInterval(0, {}, 60_000)).toBe(0);
    expect(witnessInterval(undefined, { WITNESS_INTERVAL_MS: '250', NODE_ENV: 'test' }, 60_000)).toBe(250);
    expect(witnessInterval(undefined, { NODE_ENV: 'test' }, 60_000)).toBe(0);
    expect(witnessInterval(undefined, { NODE_ENV: 'production' }, 60_000)).toBe(60_000);
    expect(process.env['NODE_ENV']).toBe('test');
  });
});
