import { randomUUID } from 'node:crypto';
import { decide, defaultPolicy, type CaseCommand } from '@hub/case-domain';
import type { JsonValue } from '@hub/event-store';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { metadataFor } from '../src/cases/execute.js';
import { loadCase } from '../src/cases/load.js';
import { eventIdsFor, RequestHasher } from '../src/idempotency.js';
import { env, inDays, openCaseBody, PASSWORD, request, streamOf } from './support.js';

/**
 * The worst case of item 4 on a store written before issue 12.2: a service of that version
 * appended a keyed request's events and died before it signed them (a second append then) or
 * answered. The events are appended here directly, as that service would have (same decision,
 * same derived ids, same request mark, no inline proof), and nothing else happens. Today's
 * services cannot leave this (one-commit-kill.int.spec.ts); their retry must still heal it.
 */
describe('a keyed command whose events were appended but never answered (a crash in between)', () => {
  it('given the events in the store and no answer, when the client sends it again with the key, then the first answer, no new events, and the events are signed', async () => {
    const e = env();
    const union = await e.boot('union');
    const user = await union.service.users.create({
      agency: 'union',
      username: `u${randomUUID().slice(0, 8)}`,
      displayName: '测试联络员',
      password: PASSWORD,
      roles: ['liaison'],
    });
    const login = await request(union.url)('POST', '/api/session', { username: user.username, password: PASSWORD });
    const api = request(union.url, login.body.token as string);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body as { caseId: string };

    const key = randomUUID();
    const body = { leadId: randomUUID(), to: 'procuratorate', summary: '涉嫌拒不支付劳动报酬', feedbackDueAt: inDays(14) };
    const actor = { kind: 'user' as const, agency: 'union' as const, userId: user.id, roles: ['liaison' as const], name: user.displayName };
    // What the service had done when it died: decided, and appended with the keyed ids and mark.
    const mark = new RequestHasher(Buffer.alloc(32, 1)).markFor(key, actor, `TransferLead ${caseId}`, body);
    const loaded = await loadCase(e.store, caseId);
    const events = decide({ type: 'TransferLead', data: body } as CaseCommand, loaded.state, { now: new Date(), actor, policy: defaultPolicy });
    const stream = `case-${caseId}`;
    const ids = eventIdsFor('union', mark, stream, events.length);
    const appended = await e.seen.append(
      stream,
      events.map((ev, i) => ({
        id: ids[i]!,
        type: ev.type,
        data: ev.data as unknown as JsonValue,
        metadata: { ...metadataFor(ev, actor, { correlationId: randomUUID(), causationId: randomUUID(), request: mark }), agency: 'union' },
      })),
      { expectedRevision: loaded.revision! },
    );
    const keys = await readPublishedKeys(e.store);
    expect((await verifyStreamSignatures(e.store, stream, keys)).problems).toEqual([{ kind: 'unsigned', revision: 2n, agency: 'union' }]);

    const retried = await api('POST', `/api/cases/${caseId}/transfer-lead`, body, { 'idempotency-key': key });

    expect(retried).toEqual({ status: 200, body: { caseId, revision: '2', position: appended.position.toString(), events: ['LeadTransferred'] } });
    expect(await streamOf(e.store, caseId)).toHaveLength(3);
    expect(await verifyStreamSignatures(e.store, stream, keys)).toMatchObject({ ok: true, problems: [] });
  });
});
