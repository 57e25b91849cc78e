/**
 * Every route of every service's OpenAPI, driven with generated and spoiled requests (see
 * src/request.ts) against the whole system on one SQLite store. For each request: no 5xx; a
 * refusal is a problem document and writes nothing to the store. After each service: every
 * service still answers /health; at the end memory has not grown beyond a bound.
 */
import { randomUUID } from 'node:crypto';
import { commandByPath } from '@hub/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Findings, problemDefect } from '../src/findings.js';
import { MB, settledMemory, type MemorySample } from '../src/memory.js';
import { describeRequest, operationsOf, requestsOf, type Operation } from '../src/request.js';
import type { KnownIds } from '../src/request.js';
import { openForeignCase, seedData } from '../src/seed-data.js';
import { send } from '../src/send.js';
import { FUZZ_RUNS, reproduce, seedFor } from '../src/settings.js';
import { services, startSystem, type FuzzSystem, type ServiceName } from '../src/system.js';

/** Requests per route in CI; FUZZ_RUNS multiplies it. */
const PER_ROUTE = 12 * FUZZ_RUNS;
/** The same routes again through the hub's pass-through, fewer per route: the gateway is one path for all. */
const GATEWAY_PER_ROUTE = 3 * FUZZ_RUNS;

describe('HTTP fuzz: every route of every OpenAPI', () => {
  let sys: FuzzSystem;
  let known: KnownIds;
  let baseline: MemorySample;
  const documents = new Map<ServiceName, Record<string, any>>();
  const sent = { requests: 0, refusedByClient: 0 };

  beforeAll(async () => {
    sys = await startSystem();
    known = await seedData(sys);
    for (const service of services) {
      const res = await fetch(`${sys.urls[service]}/openapi.json`);
      documents.set(service, (await res.json()) as Record<string, any>);
    }
    baseline = await settledMemory();
  });
  afterAll(async () => {
    await sys?.close();
  });

  async function fuzzOperation(op: Operation, findings: Findings, via: 'direct' | 'gateway' = 'direct'): Promise<void> {
    const name = via === 'gateway' ? `gateway ${op.service} ${op.method} ${op.path}` : `http ${op.service} ${op.method} ${op.path}`;
    const runs = via === 'gateway' ? GATEWAY_PER_ROUTE : PER_ROUTE;
    const requests = fc.sample(requestsOf(op, documents.get(op.service)!, known), { seed: seedFor(name), numRuns: runs });
    for (const [index, request] of requests.entries()) {
      const where = `${reproduce(name)} case #${index}: ${describeRequest(op.service, request)}${via === 'gateway' ? ' (through the hub)' : ''}`;
      const before = await sys.head();
      const answer = await send(sys, op.service, request, via);
      if (answer === null) {
        sent.refusedByClient += 1;
        continue;
      }
      sent.requests += 1;
      const route = `${op.service} ${op.method} ${op.path}`;
      if (answer.status >= 500) findings.add(`${route}: ${answer.status}`, `${where}\n    answer: ${answer.text.slice(0, 300)}`);
      if (answer.status >= 400 && answer.status < 500) {
        const defect = problemDefect(answer.status, answer.contentType, answer.text);
        if (defect) findings.add(`${route}: ${defect}`, where);
        const after = await sys.head();
        if (after !== before) findings.add(`${route}: ${answer.status} but the store moved ${before} → ${after}`, where);
      }
    }
  }

  for (const service of services) {
    it(`${service}: no 5xx, refusals are problems and write nothing, the system stays up`, async () => {
      const operations = operationsOf(service, documents.get(service)!);
      expect(operations.length).toBeGreaterThan(service === 'hub' ? 10 : 40);
      const findings = new Findings();
      for (const op of operations) await fuzzOperation(op, findings);
      expect(findings.list()).toEqual([]);
      for (const s of services) expect((await fetch(`${sys.urls[s]}/health`)).status, `${s} /health`).toBe(200);
    }, 300_000);
  }

  // The console reaches the agencies through the hub (/agencies/<agency>/api/…): the same requests
  // through it must meet the same bar, the hub's process included.
  it("the hub's gateway to every agency: no 5xx, refusals are problems and write nothing, the system stays up", async () => {
    const findings = new Findings();
    let routes = 0;
    for (const service of services.filter((s) => s !== 'hub')) {
      for (const op of operationsOf(service, documents.get(service)!)) {
        if (!op.path.startsWith('/api/')) continue;
        routes += 1;
        await fuzzOperation(op, findings, 'gateway');
      }
    }
    expect(routes).toBeGreaterThan(160);
    // Paths the gateway itself must refuse as problems: unknown agencies, escapes, encodings.
    const odd = [
      '/agencies/nobody/api/cases',
      '/agencies/union/health',
      '/agencies/union/../api/cases',
      '/agencies/union/api/%2e%2e/%2e%2e/health',
      '/agencies/%00/api/x',
      `/agencies/union/api/${'a'.repeat(8_000)}`,
    ];
    for (const path of odd) {
      const res = await fetch(sys.urls.hub + path, { headers: { authorization: `Bearer ${await sys.token('union', 'liaison')}` } });
      const text = await res.text();
      if (res.status >= 500) findings.add(`gateway ${path.slice(0, 60)}: ${res.status}`, text.slice(0, 300));
      else if (res.status >= 400) {
        const defect = problemDefect(res.status, res.headers.get('content-type') ?? '', text);
        if (defect) findings.add(`gateway ${path.slice(0, 60)}: ${defect}`, text.slice(0, 300));
      }
    }
    expect(findings.list()).toEqual([]);
    for (const s of services) expect((await fetch(`${sys.urls[s]}/health`)).status, `${s} /health`).toBe(200);
  }, 300_000);

  // Finding 6 of issue 10: a case the caller takes no part in must answer as a missing one does,
  // on every route that names a case, with the same generated request otherwise.
  it('answers for a case the caller may not see exactly as for one that does not exist', async () => {
    const findings = new Findings();
    const foreignCase = await openForeignCase(sys);
    let compared = 0;
    for (const service of services) {
      // A command that joins a case (commandByPath: joinsCase) may be given on any case by design.
      const joins = (path: string) => commandByPath.get(path.split('/').pop()!)?.joinsCase === true;
      for (const op of operationsOf(service, documents.get(service)!).filter((o) => o.path.includes('{caseId}') && !joins(o.path))) {
        const name = `existence ${service} ${op.method} ${op.path}`;
        const valid = requestsOf(op, documents.get(service)!, { caseId: ['CASE'], meetingId: [], warningId: [] }).filter(
          (r) => r.credentials.kind === 'own' && r.credentials.role === 'liaison' && !r.url.includes('CASE?') && r.url.includes('CASE'),
        );
        for (const request of fc.sample(valid, { seed: seedFor(name), numRuns: 2 })) {
          // Opened by the procuratorate alone: the union's liaison has no part in it.
          const asked = async (caseId: string) =>
            send(sys, service === 'procuratorate' ? 'union' : service, { ...request, url: request.url.replace('CASE', caseId) });
          const none = randomUUID();
          const [foreign, missing] = [await asked(foreignCase), await asked(none)];
          compared += 1;
          // Nothing may tell the two apart but the id the caller sent itself.
          const strip = (text: string | undefined, id: string) => (text ?? '').replaceAll(id, 'CASE').replace(/"requestId":"[^"]*"/g, '');
          if (foreign?.status !== missing?.status || strip(foreign?.text, foreignCase) !== strip(missing?.text, none)) {
            findings.add(
              `${name}: ${foreign?.status} for a foreign case, ${missing?.status} for none`,
              `${reproduce(name)}: ${describeRequest(service, request)}\n    foreign: ${foreign?.text.slice(0, 300)}\n    missing: ${missing?.text.slice(0, 300)}`,
            );
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    expect(findings.list()).toEqual([]);
  }, 120_000);

  it('keeps memory bounded over the whole run', async () => {
    expect(sent.requests).toBeGreaterThan(services.length * 10 * PER_ROUTE);
    const now = await settledMemory();
    // Heap after a full collection: what the services keep. Bodies up to 3 MB went through; a
    // leak of one per request would show as hundreds of MB.
    expect((now.heapUsed - baseline.heapUsed) / MB, `heap grew from ${(baseline.heapUsed / MB) | 0} MB`).toBeLessThan(96);
    expect(now.rss / MB).toBeLessThan(1_536);
  });
});
