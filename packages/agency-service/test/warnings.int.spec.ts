import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@hub/event-store';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { warningStream } from '../src/index.js';
import { env, type Env } from './support.js';

const warning = (overrides: Record<string, unknown> = {}) => ({
  employer: { name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' },
  level: 'orange',
  reasons: ['连续 2 个月未发放工资', '社保欠缴'],
  region: '330106',
  ...overrides,
});

async function warningStreams(e: Env): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of e.store.readAll({ filter: { streamPrefix: 'warning-' } })) events.push(event);
  return events;
}

describe('employer warnings (分级预警)', () => {
  it('lets a union or HR bureau liaison raise a warning, signed, and resolve it once', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const hr = await (await e.boot('hr_bureau')).as(['liaison']);
    const raised = await union('POST', '/api/warnings', warning(), { 'x-correlation-id': 'warn-1' });
    expect(raised).toMatchObject({ status: 201, body: { revision: '0' } });
    const { warningId } = raised.body;
    const [event] = await warningStreams(e);
    expect(event).toMatchObject({
      stream: warningStream(warningId),
      type: 'EmployerWarningRaised',
      data: { warningId, level: 'orange', region: '330106' },
      metadata: { agency: 'union', correlationId: 'warn-1', schemaVersion: 1 },
    });
    expect((await hr('POST', '/api/warnings', warning({ level: 'red' }))).status).toBe(201);

    expect((await union('GET', `/api/warnings/${warningId}`)).body).toMatchObject({
      status: 'raised',
      raised: { raisedBy: 'union', level: 'orange' },
      resolved: null,
    });
    const resolved = await union('POST', `/api/warnings/${warningId}/resolve`, { resolution: '企业已补发工资并补缴社保' });
    expect(resolved).toMatchObject({ status: 200, body: { warningId, revision: '1' } });
    expect((await union('GET', `/api/warnings/${warningId}`)).body).toMatchObject({
      status: 'resolved',
      resolved: { resolvedBy: 'union', resolution: '企业已补发工资并补缴社保' },
    });
    const again = await union('POST', `/api/warnings/${warningId}/resolve`, { resolution: '再次解除' });
    expect(again).toMatchObject({ status: 409, body: { ruleId: 'warning.resolved' } });

    const report = await verifyStreamSignatures(e.store, warningStream(warningId), await readPublishedKeys(e.store));
    expect(report).toMatchObject({ ok: true, events: 2, problems: [] });
    expect(await warningStreams(e)).toHaveLength(3);
  });

  it('refuses the procuratorate and the court (403 R1), a missing role, and an invalid body, writing nothing', async () => {
    const e = env();
    const procuratorate = await (await e.boot('procuratorate')).as(['liaison']);
    const court = await (await e.boot('court')).as(['liaison']);
    const unionService = await e.boot('union');
    const auditor = await unionService.as(['auditor']);
    const union = await unionService.as(['liaison']);
    for (const api of [procuratorate, court]) {
      const refused = await api('POST', '/api/warnings', warning());
      expect(refused).toMatchObject({ status: 403, body: { ruleId: 'R1' } });
      expect(refused.body.detail).toContain('预警');
    }
    const noRole = await auditor('POST', '/api/warnings', warning());
    expect(noRole.status).toBe(403);
    expect(noRole.body.ruleId).toBeUndefined();
    const bad = await union('POST', '/api/warnings', warning({ level: 'purple', reasons: [], warningId: randomUUID() }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['level', 'reasons']));
    expect(await warningStreams(e)).toHaveLength(0);

    const { warningId } = (await union('POST', '/api/warnings', warning())).body;
    expect(await procuratorate('POST', `/api/warnings/${warningId}/resolve`, { resolution: '解除' })).toMatchObject({ status: 403, body: { ruleId: 'R1' } });
    expect(await warningStreams(e)).toHaveLength(1);
  });

  it('answers 404 when resolving a warning that does not exist', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    expect(await union('POST', `/api/warnings/${randomUUID()}/resolve`, { resolution: '解除' })).toMatchObject({
      status: 404,
      body: { type: 'urn:hub:problem:not-found' },
    });
    expect((await union('POST', '/api/warnings/not-a-uuid/resolve', { resolution: '解除' })).status).toBe(404);
    expect((await union('GET', `/api/warnings/${randomUUID()}`)).status).toBe(404);
    expect(await warningStreams(e)).toHaveLength(0);
  });
});
