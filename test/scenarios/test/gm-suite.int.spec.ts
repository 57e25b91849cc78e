import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHub, type Hub } from '@hub/hub-service';
import { canonicalJson } from '@hub/event-store';
import { createLogger, proofMessage, verifySignature, type TrustPolicy } from '@hub/service-kit';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { verifyExport } from '../../../services/hub/verifier/verify-audit.mjs';
import { EMPLOYERS, REGIONS } from '../src/demo/parties.js';
import { scenarioEngines, startCluster, type Cluster, type OpenedStore } from '../src/index.js';

/**
 * The whole system under CRYPTO_SUITE=gm (issue 15.6): the four agency services and the hub over
 * one store, as deployed. Events are chained with SM3 and proven with SM2, witness records are
 * SM2-signed, session tokens are SM2 JWS that the hub accepts, and the auditor's export verifies
 * offline (Node only), and fails when one byte changes. Then a deployment that began under intl
 * and switched to gm: one history of Ed25519 and SM2 signatures, SHA-256 and SM3 hashes, verifying
 * from the trust anchors of before the switch (the SM2 keys are endorsed by the Ed25519 ones).
 */
const VERIFIER = fileURLToPath(new URL('../../../services/hub/verifier/verify-audit.mjs', import.meta.url));

/** The offline verifier as an auditor runs it: plain node, no dependency. */
function runVerifier(...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
    });
  });
}

const hex = (alg: 'sha256' | 'sm3', text: string) => createHash(alg).update(text, 'utf8').digest('hex');
const NOT_CONTENT = new Set(['hash', 'prevHash', 'recordedAt', 'hashAlg', 'proof']);

/**
 * Recomputes, independently of service-kit's digest code, the content digests of every proof of
 * the export with `alg` (node's own sm3 or sha256) and tells, per proof, whether its signature
 * verifies over the message made of them with the key the export publishes.
 */
function proofsVerifyWith(doc: any, alg: (proofAlgorithm: string) => 'sha256' | 'sm3'): boolean[] {
  return doc.events
    .map((first: any, i: number) => ({ first, i }))
    .filter(({ first }: any) => first.metadata.proof)
    .map(({ first, i }: any) => {
      const proof = first.metadata.proof;
      const digests = doc.events.slice(i, i + proof.count).map((e: any) => {
        const metadata = Object.fromEntries(Object.entries(e.metadata).filter(([k]) => !NOT_CONTENT.has(k)));
        return hex(alg(proof.algorithm), canonicalJson({ data: e.data, id: e.id, metadata, revision: String(e.revision), stream: e.stream, type: e.type }));
      });
      const key = doc.publicKeys.find((k: any) => k.agency === first.metadata.agency && k.keyId === proof.keyId);
      return verifySignature(
        key.publicKey,
        proofMessage(first.stream, BigInt(first.revision), first.metadata.prevHash ?? null, digests),
        proof.signature,
        proof.algorithm,
      );
    });
}

/** Whether each witness record's leaves hold its head's leaf as recomputed with `alg`. */
const witnessLeavesWith = (doc: any, alg: (recordAlgorithm: string) => 'sha256' | 'sm3'): boolean[] =>
  doc.witnesses.map((w: any) =>
    w.leaves.includes(hex(alg(w.algorithm), canonicalJson({ hash: w.head.hash, revision: w.head.revision, stream: w.head.stream }))),
  );

const failures = (result: any): string[] => result.checks.flatMap((c: any) => c.problems.map((p: any) => `${c.id}:${p.kind}`));
const b64urlJson = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

async function startHub(opened: OpenedStore, cluster: Cluster, trust: TrustPolicy): Promise<{ hub: Hub; url: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hub-gm-'));
  const hub = await createHub({
    store: opened.store,
    dataDir,
    trust,
    agencyUrls: cluster.urls,
    logger: createLogger({ name: 'hub', level: 'silent' }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = hub.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  hub.attach(server);
  onTestFinished(async () => {
    await hub.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  });
  return { hub, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function get(url: string, token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** The hub follows published keys live: waits until it trusts every events and sessions key the cluster's rings hold now. */
async function hubTrustsCurrentKeys(hub: Hub, cluster: Cluster): Promise<void> {
  const wanted = cluster.anchors.map((k) => k.keyId);
  const deadline = Date.now() + 10_000;
  const trusted = () => [...hub.keys.trusted('events'), ...hub.keys.trusted('sessions')].map((k) => k.keyId);
  while (!wanted.every((k) => trusted().includes(k))) {
    if (Date.now() > deadline) throw new Error('the hub never trusted the cluster keys');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const OPEN: Parameters<Cluster['clients']['union']['openCase']>[0] = {
  channel: 'inspection',
  category: 'female_worker_protection',
  region: REGIONS.xihu,
  summary: '国密部署中的案件',
  employers: [EMPLOYERS.hazmat[0]!],
  workerCount: 12,
  amountClaimedFen: 0,
  workers: [],
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(scenarioEngines())('CRYPTO_SUITE=gm, the whole system on $name', (engine) => {
  it('signs events, witness records and session tokens with SM2; the hub accepts the tokens; the export verifies offline and fails when a byte changes', async () => {
    vi.stubEnv('CRYPTO_SUITE', 'gm');
    const opened = await engine.open();
    onTestFinished(() => opened.dispose());
    const cluster = await startCluster({ store: opened.store });
    onTestFinished(() => cluster.close());
    // Every key of every ring is SM2: 65 bytes 04 ‖ x ‖ y.
    expect(cluster.anchors.map((k) => Buffer.from(k.publicKey, 'base64').length)).toEqual(cluster.anchors.map(() => 65));
    const { hub, url } = await startHub(opened, cluster, cluster.trust);
    await hubTrustsCurrentKeys(hub, cluster);

    const { union, procuratorate } = cluster.clients;
    const header = b64urlJson(union.sessionToken.split('.')[0]!);
    expect(header).toEqual({ alg: 'SM2', kid: expect.any(String), typ: 'JWT' });
    expect((await get(`${url}/api/cases`, union.sessionToken)).status).toBe(200);
    // A token whose signature has one byte changed, or whose header says none, is refused.
    const [h, p, s] = union.sessionToken.split('.') as [string, string, string];
    const sig = Buffer.from(s, 'base64url');
    sig[5]! ^= 1;
    expect((await get(`${url}/api/cases`, `${h}.${p}.${sig.toString('base64url')}`)).status).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', kid: header.kid, typ: 'JWT' })).toString('base64url');
    expect((await get(`${url}/api/cases`, `${none}.${p}.`)).status).toBe(401);

    const { caseId } = await union.openCase(OPEN);
    const leadId = randomUUID();
    await union.command(caseId, 'transfer-lead', {
      leadId,
      to: 'procuratorate',
      summary: '线索',
      feedbackDueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    });
    await procuratorate.command(caseId, 'accept-lead', { leadId, note: '立案审查' });
    const admins = await Promise.all((['union', 'procuratorate', 'hr_bureau', 'court'] as const).map((a) => cluster.login(a, 'admin')));
    for (const admin of admins) expect((await admin.raw('POST', '/api/witness/run')).status).toBe(201);

    const auditor = await cluster.login('court', 'auditor');
    const verification = await get(`${url}/api/cases/${caseId}/verify`, auditor.sessionToken);
    expect(verification.status).toBe(200);
    expect(verification.body.problems.filter((p: any) => p.severity !== 'notice')).toEqual([]);
    expect(verification.body.ok).toBe(true);

    const exported = await get(`${url}/api/cases/${caseId}/export?format=json`, auditor.sessionToken);
    expect(exported.status).toBe(200);
    const doc = exported.body;
    expect(doc.events.every((e: any) => e.metadata.hashAlg === 'sm3')).toBe(true);
    const proofs = doc.events.map((e: any) => e.metadata.proof).filter(Boolean);
    expect(proofs.length).toBeGreaterThan(0);
    expect(proofs.every((pr: any) => pr.algorithm === 'SM2')).toBe(true);
    expect(doc.witnesses.length).toBeGreaterThan(0);
    expect(doc.witnesses.every((w: any) => w.algorithm === 'SM2')).toBe(true);
    // The SM2 proofs sign SM3 content digests, and the SM2 witness records SM3 leaves: recomputed
    // here with node's own sm3 they verify; recomputed with sha256 they do not.
    expect(proofsVerifyWith(doc, () => 'sm3')).toEqual(proofs.map(() => true));
    expect(proofsVerifyWith(doc, () => 'sha256')).toEqual(proofs.map(() => false));
    expect(witnessLeavesWith(doc, () => 'sm3')).toEqual(doc.witnesses.map(() => true));
    expect(witnessLeavesWith(doc, () => 'sha256')).toEqual(doc.witnesses.map(() => false));
    const result = verifyExport(doc);
    expect(result.usable).toBe(true);
    expect(failures(result)).toEqual([]);
    // The command line, with the deployment's SM2 events keys pinned in PUBLIC_KEYS text naming the algorithm.
    const dir = await mkdtemp(join(tmpdir(), 'gm-verify-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'case.json'), JSON.stringify(doc));
    const events = cluster.anchors.filter((k) => k.purpose === 'events');
    await writeFile(join(dir, 'keys.txt'), events.map((k) => `${k.agency}:events:SM2:${k.publicKey}`).join(','));
    const cli = await runVerifier(join(dir, 'case.json'), '--keys', join(dir, 'keys.txt'));
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('ALL CHECKS PASSED');
    await writeFile(join(dir, 'wrong.txt'), events.map((k) => `${k.agency}:events:Ed25519:${k.publicKey}`).join(','));
    expect((await runVerifier(join(dir, 'case.json'), '--keys', join(dir, 'wrong.txt'))).code).toBe(2);

    // One byte of one proof's signature changed: that proof fails.
    const forged = structuredClone(doc);
    const first = forged.events.find((e: any) => e.metadata.proof);
    const bytes = Buffer.from(first.metadata.proof.signature, 'base64');
    bytes[7]! ^= 1;
    first.metadata.proof.signature = bytes.toString('base64');
    expect(failures(verifyExport(forged))).toContain('signatures:bad-signature');
    // One byte of a witness record's signature changed: that record fails.
    const witnessForged = structuredClone(doc);
    const w = Buffer.from(witnessForged.witnesses[0].signature, 'base64');
    w[3]! ^= 1;
    witnessForged.witnesses[0].signature = w.toString('base64');
    expect(failures(verifyExport(witnessForged))).toContain('witnesses:bad-signature');
    // An SM2 proof relabelled Ed25519 is not checked as Ed25519: it fails.
    const relabelled = structuredClone(doc);
    relabelled.events.find((e: any) => e.metadata.proof).metadata.proof.algorithm = 'Ed25519';
    expect(failures(verifyExport(relabelled))).toContain('chain:hash-mismatch');
  });

  it('given a deployment that ran under intl and then switched to gm on the same store and data, then one case holds both suites and verifies from the anchors of before the switch', async () => {
    const opened = await engine.open();
    onTestFinished(() => opened.dispose());
    const dataDir = await mkdtemp(join(tmpdir(), 'hub-mixed-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));

    const intl = await startCluster({ store: opened.store, dataDir });
    const intlTrust = intl.trust;
    expect(intl.anchors.every((k) => Buffer.from(k.publicKey, 'base64').length === 32)).toBe(true);
    const { caseId } = await intl.clients.union.openCase(OPEN);
    await intl.clients.union.command(caseId, 'give-worker-feedback', { channel: 'phone', summary: '已电话告知' });
    await intl.close();

    vi.stubEnv('CRYPTO_SUITE', 'gm');
    const gm = await startCluster({ store: opened.store, dataDir });
    onTestFinished(() => gm.close());
    // Each ring now signs with a new SM2 key; the Ed25519 keys stay in it, retired.
    expect(gm.anchors.some((k) => Buffer.from(k.publicKey, 'base64').length === 65)).toBe(true);
    expect(gm.anchors.some((k) => Buffer.from(k.publicKey, 'base64').length === 32)).toBe(true);
    // The hub is given only the anchors of before the switch: the SM2 keys count through their endorsements.
    const { hub, url } = await startHub(opened, gm, intlTrust);
    await hubTrustsCurrentKeys(hub, gm);
    expect((await get(`${url}/api/cases`, gm.clients.union.sessionToken)).status).toBe(200);
    await gm.clients.union.command(caseId, 'give-worker-feedback', { channel: 'phone', summary: '国密切换后的反馈' });
    const admin = await gm.login('union', 'admin');
    expect((await admin.raw('POST', '/api/witness/run')).status).toBe(201);

    const auditor = await gm.login('court', 'auditor');
    const exported = await get(`${url}/api/cases/${caseId}/export?format=json`, auditor.sessionToken);
    expect(exported.status).toBe(200);
    const doc = exported.body;
    const algorithms = new Set(doc.events.map((e: any) => e.metadata.proof?.algorithm).filter(Boolean));
    expect([...algorithms].sort()).toEqual(['Ed25519', 'SM2']);
    expect(new Set(doc.events.map((e: any) => e.metadata.hashAlg ?? 'sha256'))).toEqual(new Set(['sha256', 'sm3']));
    // Each proof's and witness record's digest is its own algorithm's: SHA-256 under Ed25519 (as
    // before the switch), SM3 under SM2.
    const byAlgorithm = (a: string) => (a === 'SM2' ? 'sm3' : 'sha256');
    const proofCount = doc.events.filter((e: any) => e.metadata.proof).length;
    expect(proofsVerifyWith(doc, byAlgorithm)).toEqual(Array.from({ length: proofCount }, () => true));
    expect(new Set(doc.witnesses.map((w: any) => w.algorithm))).toContain('SM2');
    expect(witnessLeavesWith(doc, byAlgorithm)).toEqual(doc.witnesses.map(() => true));
    const verification = await get(`${url}/api/cases/${caseId}/verify`, auditor.sessionToken);
    expect(verification.body.problems.filter((p: any) => p.severity !== 'notice')).toEqual([]);
    expect(failures(verifyExport(doc))).toEqual([]);
    // The offline verifier, given only the pre-switch anchors, follows the Ed25519 → SM2 endorsement the export carries.
    expect(failures(verifyExport(doc, { pinned: intlTrust.anchors.filter((k) => k.purpose === 'events') }))).toEqual([]);
  });
});
