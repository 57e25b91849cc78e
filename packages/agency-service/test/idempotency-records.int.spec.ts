import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { env } from './support.js';
import { caseWithItems, holdBody, meetingEvents, meetingWorld, scheduleBody } from './meetings.support.js';

/** Item 4 beyond cases: every other POST that appends (meetings, warnings) answers a keyed retry with the first answer. */

const keyed = (key: string) => ({ 'idempotency-key': key });
const warning = { employer: { name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }, level: 'orange', reasons: ['连续 2 个月未发放工资'], region: '330106' };

async function streamsWith(e: ReturnType<typeof env>, prefix: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of e.store.readAll({ filter: { streamPrefix: prefix } })) events.push(event);
  return events;
}

describe('joint meetings with an Idempotency-Key', () => {
  it('given a meeting scheduled with a key, when the request comes again (at once and later), then one meeting and the first answer', async () => {
    const w = await meetingWorld();
    const key = randomUUID();
    const body = scheduleBody([]);
    const [a, b] = await Promise.all([1, 2].map(() => w.unionSecretary('POST', '/api/meetings', body, keyed(key))));
    const later = await w.unionSecretary('POST', '/api/meetings', body, keyed(key));
    expect(a).toMatchObject({ status: 201, body: { revision: '0' } });
    expect(b).toEqual(a);
    expect(later).toEqual(a);
    expect(await streamsWith(w.e, 'meeting-')).toHaveLength(1);
    const reused = await w.unionSecretary('POST', '/api/meetings', { ...body, title: '另一次会议' }, keyed(key));
    expect(reused).toMatchObject({ status: 422, body: { type: 'urn:hub:problem:idempotency-key-reused' } });
  });

  it('given a meeting held with a key, when the hold is sent again with the key, then the first answer and its decisions, nothing recorded twice', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1);
    const meetingId = (await w.unionSecretary('POST', '/api/meetings', scheduleBody([caseId]))).body.meetingId as string;
    const body = holdBody([caseId], [{ caseId, itemId: itemIds[0], decision: 'close', note: '已整改完毕，销项' }]);
    const key = randomUUID();
    const first = await w.unionSecretary('POST', `/api/meetings/${meetingId}/hold`, body, keyed(key));
    expect(first).toMatchObject({ status: 200, body: { revision: '1', decisions: [{ applied: true, alreadyApplied: false }] } });
    const again = await w.unionSecretary('POST', `/api/meetings/${meetingId}/hold`, body, keyed(key));
    expect(again).toMatchObject({
      status: 200,
      body: { meetingId, revision: '1', position: first.body.position, decisions: [{ applied: true, alreadyApplied: true }] },
    });
    expect(await meetingEvents(w.e, meetingId)).toHaveLength(2);
    // Without the key a second hold is still refused as before.
    expect(await w.unionSecretary('POST', `/api/meetings/${meetingId}/hold`, { ...body, minutes: '另一份纪要' })).toMatchObject({
      status: 409,
      body: { ruleId: 'meeting.held' },
    });
  });
});

describe('employer warnings with an Idempotency-Key', () => {
  it('given a warning raised and resolved with keys, when each is sent again, then one warning, one resolution and the first answers', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const [raiseKey, resolveKey] = [randomUUID(), randomUUID()];
    const raised = await union('POST', '/api/warnings', warning, keyed(raiseKey));
    expect(raised).toMatchObject({ status: 201, body: { revision: '0' } });
    expect(await union('POST', '/api/warnings', warning, keyed(raiseKey))).toEqual(raised);
    const path = `/api/warnings/${raised.body.warningId}/resolve`;
    const resolved = await union('POST', path, { resolution: '企业已补发工资' }, keyed(resolveKey));
    expect(resolved).toMatchObject({ status: 200, body: { revision: '1' } });
    expect(await union('POST', path, { resolution: '企业已补发工资' }, keyed(resolveKey))).toEqual(resolved);
    expect(await union('POST', path, { resolution: '企业已补发工资' })).toMatchObject({ status: 409, body: { ruleId: 'warning.resolved' } });
    expect(await streamsWith(e, 'warning-')).toHaveLength(2);
  });
});

describe('GET /openapi.json', () => {
  it('given the service, when its document is read, then every POST that appends documents the Idempotency-Key, the repeated answer and the 422', async () => {
    const e = env();
    const union = await e.boot('union');
    const doc = (await (await fetch(`${union.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, any>> };
    const appending = Object.entries(doc.paths).filter(
      // Not appends: apply-decisions carries out acts already recorded; reveal reads a worker's identity (logged locally, nothing in the store to retry).
      ([path, item]) => item['post'] && /^\/api\/(cases|meetings|warnings)/.test(path) && !path.endsWith('/apply-decisions') && !path.endsWith('/reveal'),
    );
    expect(appending.length).toBeGreaterThan(30);
    for (const [path, item] of appending) {
      const op = item['post'];
      expect(op.parameters, path).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]));
      expect(op.responses['422'], path).toBeDefined();
      const success = Object.keys(op.responses).find((s) => s.startsWith('2'))!;
      expect(op.responses[success].headers, path).toHaveProperty('Idempotent-Replayed');
    }
  });
});
