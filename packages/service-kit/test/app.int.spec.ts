import { connect } from 'node:net';
import { SqliteEventStore, WrongExpectedRevision } from '@hub/event-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Conflict, createMetricsRegistry, createServiceApp, PROBLEM_CONTENT_TYPE, SqliteSqlDb } from '../src/index.js';
import { eventually, listen, memoryLogger, tempDir, type Running } from './helpers.js';

const tmp = tempDir();
const { logger, lines, raw } = memoryLogger('union');
const store = new SqliteEventStore({ path: `${tmp.dir}/hub.db` });
let server: Running;

const Body = z.object({ amountFen: z.number().int().positive(), note: z.string().optional() });

beforeAll(async () => {
  await store.append('case-app-1', [{ type: 'CaseOpened', data: {} }]);
  const registry = createMetricsRegistry({ defaultMetrics: false });
  const app = createServiceApp({
    name: 'union',
    version: '1.2.3',
    logger,
    store,
    registry,
    openapi: { openapi: '3.1.0' },
    routes: (app) => {
      app.post('/api/cases/:caseId/claims', (req, res) => {
        const body = Body.parse(req.body);
        res.status(201).json({ caseId: req.params['caseId'], ...body });
      });
      app.post('/api/rule', () => {
        throw Object.assign(new Error('只有法院可以作出判决'), { ruleId: 'own_acts_only', status: 409, messageEn: 'Only the court issues judgments' });
      });
      app.post('/api/stale', async () => {
        throw new WrongExpectedRevision('case-app-1', 0n, 1n);
      });
      app.post('/api/boom', async () => {
        throw new Error('database on fire');
      });
      app.get('/api/conflict', () => {
        throw new Conflict('x_rule', '冲突', 'conflict');
      });
    },
  });
  server = await listen(app);
});

afterAll(async () => {
  await server.close();
  await store.close();
  tmp.cleanup();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** Writes raw bytes to the server and reads everything it answers before closing. */
const rawExchange = (request: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { port, hostname } = new URL(server.url);
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });

describe('createServiceApp', () => {
  // Found by the fuzz suite (test/fuzz): a URL or headers over Node's 16 KB limit got a bare 431.
  it('answers requests the HTTP parser refuses with a problem document', async () => {
    const tooLong = await fetch(`${server.url}/api/cases/${'a'.repeat(20_000)}`);
    expect(tooLong.status).toBe(431);
    expect(tooLong.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(await tooLong.json()).toMatchObject({ status: 431, title: 'Request Header Fields Too Large', detailEn: expect.any(String) });
    const garbage = await rawExchange('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.split('\r\n\r\n')[1]!)).toMatchObject({ status: 400, type: 'urn:hub:problem:bad-request' });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('reports health with the store engine and head position', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      service: 'union',
      version: '1.2.3',
      eventStore: { engine: 'sqlite', headPosition: '1' },
      subscriptions: [],
    });
  });

  it("reports the service's own database too, and is unavailable (503) once it is gone, so a balancer leaves the replica out", async () => {
    const own = SqliteSqlDb.open(`${tmp.dir}/own.local.db`);
    const app = createServiceApp({ name: 'union', logger, store, ownData: own, registry: createMetricsRegistry({ defaultMetrics: false }) });
    const replica = await listen(app);
    try {
      const up = await fetch(`${replica.url}/health`);
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ status: 'ok', ownData: { engine: 'sqlite', reachable: true } });
      await own.close();
      const down = await fetch(`${replica.url}/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'unavailable', eventStore: { headPosition: '1' }, ownData: { engine: 'sqlite', reachable: false } });
      expect(raw.some((l) => l.includes('own database is unreachable'))).toBe(true);
    } finally {
      await replica.close();
    }
  });

  it('keeps a sane incoming request id and mints one otherwise', async () => {
    const kept = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const minted = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('validates with zod: bad input is a 400 problem listing the issues', async () => {
    const ok = await post('/api/cases/c1/claims', JSON.stringify({ amountFen: 100 }));
    expect(ok.status).toBe(201);
    const bad = await post('/api/cases/c1/claims', JSON.stringify({ amountFen: -1 }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    const problem = (await bad.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 400, instance: '/api/cases/c1/claims', errors: [{ path: 'amountFen' }] });
    expect(problem['requestId']).toEqual(bad.headers.get('x-request-id'));
  });

  it('answers malformed JSON or URL with 400 and an oversized body with 413, never 500', async () => {
    const malformed = await post('/api/cases/c1/claims', '{"amountFen": ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ type: 'urn:hub:problem:malformed-json' });
    const huge = await post('/api/cases/c1/claims', JSON.stringify({ note: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    const noBody = await fetch(`${server.url}/api/cases/c1/claims`, { method: 'POST' });
    expect(noBody.status).toBe(400);
    const badParam = await post('/api/cases/%E0%A4%A/claims', JSON.stringify({ amountFen: 1 }));
    expect(badParam.status).toBe(400);
  });

  it('maps a domain rule violation and a stale revision to 409 with the rule id', async () => {
    const rule = await post('/api/rule', '{}');
    expect(rule.status).toBe(409);
    expect(await rule.json()).toMatchObject({ ruleId: 'own_acts_only', detail: '只有法院可以作出判决', detailEn: 'Only the court issues judgments' });
    const stale = await post('/api/stale', '{}');
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ ruleId: 'concurrency' });
    const conflict = await fetch(`${server.url}/api/conflict`);
    expect(await conflict.json()).toMatchObject({ status: 409, ruleId: 'x_rule' });
  });

  it('hides unexpected errors behind a generic 500 and logs them without the body', async () => {
    const res = await post('/api/boom', JSON.stringify({ idNumber: '330102199001011234', secretNote: 'do-not-log-me' }));
    expect(res.status).toBe(500);
    const problem = (await res.json()) as Record<string, unknown>;
    expect(JSON.stringify(problem)).not.toContain('fire');
    const logged = lines.find((l) => l['msg'] === 'unexpected error');
    expect(logged).toMatchObject({ level: 50, err: { message: 'database on fire' }, path: '/api/boom' });
    expect(raw.join('')).not.toContain('do-not-log-me');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await fetch(`${server.url}/nowhere?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, instance: '/nowhere' });
  });

  it('logs one access line per request without bodies or query strings', async () => {
    await post('/api/cases/c9/claims?phone=13812345678', JSON.stringify({ amountFen: 5, note: 'note-not-logged' }));
    await eventually(() => lines.some((l) => l['path'] === '/api/cases/c9/claims'));
    const line = lines.find((l) => l['path'] === '/api/cases/c9/claims')!;
    expect(line).toMatchObject({ msg: 'request', method: 'POST', status: 201, service: 'union' });
    expect(typeof line['ms']).toBe('number');
    expect(typeof line['requestId']).toBe('string');
    expect(raw.join('')).not.toContain('note-not-logged');
    expect(raw.join('')).not.toContain('13812345678');
  });

  it('exposes Prometheus metrics labelled by route pattern, not raw URL', async () => {
    await post('/api/cases/c2/claims', JSON.stringify({ amountFen: 7 }));
    await eventually(() => lines.some((l) => l['path'] === '/api/cases/c2/claims'));
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/cases\/:caseId\/claims",status="201"\} \d+/);
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toContain('/api/cases/c2/claims');
  });

  it('serves the OpenAPI document it was given', async () => {
    expect(await (await fetch(`${server.url}/openapi.json`)).json()).toEqual({ openapi: '3.1.0' });
  });
});
