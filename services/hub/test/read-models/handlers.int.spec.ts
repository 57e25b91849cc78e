/**
 * 承办人 at the hub (issue 13.5): the case directory names each agency's handler (by name, not
 * user id), the timeline carries the assignments, and the audit export words them.
 */
import { agencyNames, type AgencyId } from '@hub/contracts';
import type { HandlerFacts } from '@hub/case-domain';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';

const DAY = 86_400_000;

/** What the agency's service would have read: the case's participants and the named liaison. */
const facts = (agency: AgencyId, userId: string, displayName: string, participants: AgencyId[]): { handler: HandlerFacts } => ({
  handler: {
    participants: new Set(participants),
    assignee: { userId, displayName, agency, roles: ['liaison'], disabled: false },
    assignedByName: '李科长',
  },
});

describe('handlers in the hub', () => {
  it('given assignments by two agencies and a reassignment, the entry names each agency’s handler, the timeline and the export word the acts', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const [zhang, wang, li] = [randomUUID(), randomUUID(), randomUUID()];
    await fx.act('union', caseId, openCase(caseId));
    await fx.act('union', caseId, cmd('AssignHandler', { userId: zhang }), facts('union', zhang, '张承办', ['union']));
    await fx.act(
      'union',
      caseId,
      cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '线索移送', feedbackDueAt: new Date(fx.now().getTime() + 10 * DAY).toISOString() }),
    );
    await fx.act('procuratorate', caseId, cmd('AssignHandler', { userId: li }), facts('procuratorate', li, '李检察官', ['union', 'procuratorate']));
    await fx.act('union', caseId, cmd('AssignHandler', { userId: wang, note: '工作调整' }), facts('union', wang, '王承办', ['union', 'procuratorate']));
    await fx.settle();

    const token = await fx.token('union', ['liaison']);
    const entry = await fx.request('GET', `/api/cases/${caseId}`, token);
    expect(entry.status).toBe(200);
    expect(entry.body.case.handlers).toEqual({ union: '王承办', procuratorate: '李检察官' });
    const listed = (await fx.request('GET', '/api/cases', token)).body.cases as { caseId: string; handlers: object }[];
    expect(listed.find((c) => c.caseId === caseId)?.handlers).toEqual({ union: '王承办', procuratorate: '李检察官' });

    const timeline = await fx.request('GET', `/api/cases/${caseId}/timeline`, token);
    const assignments = (timeline.body.events as { type: string; agency: string; data: any }[]).filter((e) => e.type === 'HandlerAssigned');
    expect(assignments.map((e) => [e.agency, e.data.handler.displayName, e.data.previous?.displayName ?? null])).toEqual([
      ['union', '张承办', null],
      ['procuratorate', '李检察官', null],
      ['union', '王承办', '张承办'],
    ]);

    const auditor = await fx.token('court', ['auditor']);
    const csv = (await fx.request('GET', `/api/cases/${caseId}/export?format=csv`, auditor)).body as string;
    const rows = csv.split('\r\n').filter((line) => line.includes('指定承办人'));
    expect(rows).toHaveLength(3);
    // By name, as people read them: no user ids.
    expect(rows[0]).toContain(`承办人：张承办；机构：${agencyNames.union.zh}`);
    expect(rows[2]).toContain('变更承办人：张承办 → 王承办');
    expect(rows[2]).toContain('说明：工作调整');
    expect(rows[1]).toContain('指定人：李科长');
    expect(csv).not.toContain(zhang);
    expect(csv).not.toContain(wang);
  });
});
