import { randomUUID } from 'node:crypto';
import { caseStream } from '@hub/agency-service';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock, DAY, HOUR, scenarioEngines, startCluster, type Cluster, type OpenedStore } from '../src/index.js';
import { EMPLOYERS, enterprise, REGIONS, worker } from '../src/demo/parties.js';

/**
 * DOMAIN.md's worked example, driven through the four services' HTTP APIs on one store:
 * 发现 → 移交 → 处置 → 反馈 → 销号, with a refused act and a rule violation on the way.
 */
describe.each(scenarioEngines())('the worked example over HTTP on $name', (engine) => {
  const clock = new ControllableClock();
  const T0 = new Date('2026-03-02T02:00:00.000Z'); // Monday 2 March 2026, 10:00 Shanghai
  const at = (days: number, hours = 0) => clock.set(new Date(T0.getTime() + days * DAY + hours * HOUR));
  const due = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();
  let opened: OpenedStore;
  let cluster: Cluster;

  beforeAll(async () => {
    opened = await engine.open();
    cluster = await startCluster({ store: opened.store, clock: clock.now });
  });
  afterAll(async () => {
    await cluster?.close();
    await opened?.dispose();
  });

  it('runs from CaseOpened to CaseClosed, every event signed by its agency', async () => {
    const { union, procuratorate } = cluster.clients;
    const firms = EMPLOYERS.hazmat;
    const [leadId, reminderId, recommendationId] = [randomUUID(), randomUUID(), randomUUID()];

    at(0);
    const { caseId } = await union.openCase({
      channel: 'inspection',
      category: 'female_worker_protection',
      region: REGIONS.xihu,
      summary: '4 家危化品物流企业未组织女职工妇科检查，其中 3 家未订立女职工特殊保护条款',
      employers: [...firms],
      workerCount: 126,
      amountClaimedFen: 0,
      workers: [worker('李秀英', '1986-05-14', true)],
    });
    at(0, 1);
    await union.command(caseId, 'transfer-lead', { leadId, to: 'procuratorate', summary: '女职工特殊保护问题线索', feedbackDueAt: due(14) });
    at(0, 7);
    await union.command(caseId, 'give-worker-feedback', { channel: 'in_person', summary: '已向企业工会及女职工代表告知线索已移送' });
    at(1);
    await procuratorate.command(caseId, 'accept-lead', { leadId, note: '立案审查' });
    at(3, 4);
    await procuratorate.command(caseId, 'hold-joint-review', {
      reviewId: randomUUID(),
      agencies: ['procuratorate', 'union'],
      conclusion: '工会发提示函，检察院制发检察建议',
      routeTo: 'supervision',
    });

    // Refused: only the procuratorate issues a 检察建议 — 403, and nothing is written.
    const before = await union.getCase<{ revision: string }>(caseId);
    const refused = await union.raw<{ ruleId?: string }>('POST', `/api/cases/${caseId}/issue-supervision-letter`, {
      letterId: randomUUID(),
      kind: 'procuratorial_recommendation',
      addressee: enterprise(firms[0]),
      summary: '越权制发检察建议',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.ruleId).toMatch(/^R1/);
    expect((await union.getCase<{ revision: string }>(caseId)).revision).toBe(before.revision);

    at(4);
    await union.command(caseId, 'issue-supervision-letter', {
      letterId: reminderId,
      kind: 'reminder_letter',
      addressee: enterprise(firms[0]),
      summary: '提示依法组织女职工妇科检查',
      replyDueAt: due(25),
    });
    at(7);
    await procuratorate.command(caseId, 'issue-supervision-letter', {
      letterId: recommendationId,
      kind: 'procuratorial_recommendation',
      addressee: { kind: 'agency', name: '杭州市西湖区交通运输局' },
      documentNo: '杭西检行建〔2026〕3号',
      summary: '督促对辖区危化品物流企业落实女职工劳动保护',
    });
    const checkUps = firms.map((f) => ({ itemId: randomUUID(), description: '组织女职工妇科检查', deadline: due(59), responsibleParty: enterprise(f) }));
    const clauses = firms
      .slice(0, 3)
      .map((f) => ({ itemId: randomUUID(), description: '订立女职工特殊保护条款', deadline: due(44), responsibleParty: enterprise(f) }));
    const items = [...checkUps, ...clauses];
    at(8);
    await procuratorate.command(caseId, 'order-rectification', { rectificationId: randomUUID(), letterId: recommendationId, items });
    at(18);
    await union.command(caseId, 'reply-to-supervision-letter', { letterId: reminderId, summary: '企业书面回复：已安排体检' });
    at(39);
    for (const item of items) await procuratorate.command(caseId, 'report-rectification-item', { itemId: item.itemId, summary: '企业报告已整改' });
    await procuratorate.command(caseId, 'reply-to-supervision-letter', { letterId: recommendationId, summary: '交通运输局书面回复：已开展专项检查' });

    // A rule violation: the lead is not yet answered, so the case cannot close — 409 R7.leads.
    at(60);
    const early = await union.raw<{ ruleId?: string }>('POST', `/api/cases/${caseId}/close-case`, {
      resolution: 'rectified',
      amountRecoveredFen: 0,
      summary: '整改完毕',
    });
    expect(early.status).toBe(409);
    expect(early.body.ruleId).toBe('R7.leads');

    at(62);
    await procuratorate.command(caseId, 'do-follow-up', {
      followUpId: randomUUID(),
      results: items.map((i) => ({ itemId: i.itemId, verified: true, findings: '现场核查属实' })),
    });
    await procuratorate.command(caseId, 'give-lead-feedback', { leadId, summary: '检察建议已获回复，整改经回头看核实' });
    at(63);
    await union.command(caseId, 'give-worker-feedback', { channel: 'phone', summary: '整改已全部完成，告知女职工代表' });
    await union.command(caseId, 'close-case', { resolution: 'rectified', amountRecoveredFen: 0, summary: '7 项整改全部完成，销号' });

    type View = { status: string; closure?: { resolution: string }; items: Record<string, { status: string }>; deadlines: unknown[] };
    const final = await union.getCase<View>(caseId);
    expect(final.status).toBe('closed');
    expect(final.closure).toMatchObject({ resolution: 'rectified', amountRecoveredFen: 0 });
    expect(Object.keys(final.items).sort()).toEqual(items.map((i) => i.itemId).sort());
    expect(Object.values(final.items).every((i) => i.status === 'verified')).toBe(true);
    expect(final.deadlines).toEqual([]);

    const stream = caseStream(caseId);
    expect((await opened.store.verifyStream(stream)).ok).toBe(true);
    const report = await verifyStreamSignatures(opened.store, stream, await readPublishedKeys(opened.store));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);

    const recorders: Record<string, string> = {};
    for await (const e of opened.store.readStream(stream)) recorders[`${e.revision}:${e.type}`] = String(e.metadata['agency']);
    const byType = (type: string) => [
      ...new Set(
        Object.entries(recorders)
          .filter(([k]) => k.endsWith(`:${type}`))
          .map(([, a]) => a),
      ),
    ];
    // 21 acts, and the union's register numbering the case right after its opening (案号).
    expect(Object.keys(recorders)).toHaveLength(22);
    expect(Object.keys(recorders).slice(0, 2)).toEqual(['0:CaseOpened', '1:CaseNumberAssigned']);
    expect(byType('CaseOpened')).toEqual(['union']);
    expect(byType('CaseNumberAssigned')).toEqual(['union']);
    expect(byType('LeadAccepted')).toEqual(['procuratorate']);
    expect(byType('RectificationOrdered')).toEqual(['procuratorate']);
    expect(byType('CaseClosed')).toEqual(['union']);
  });
});
