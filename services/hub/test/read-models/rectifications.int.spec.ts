import type { Party } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { T0 } from '../support/fixture.js';
import { act, answer, as, later, meetingDecided, readModelSpec, refused, type Viewer } from './spec.js';

const DAY = 24 * 3_600_000;
const MINUTE = 60_000;
const [E0, E1, E2] = [EMPLOYERS[0]!, EMPLOYERS[1]!, EMPLOYERS[2]!];
const firm = (e: { name: string; uscc: string }): Party => ({ kind: 'enterprise', name: e.name, uscc: e.uscc });
const hrBureau: Party = { kind: 'agency', name: '区人力资源和社会保障局', agencyId: 'hr_bureau' };
const transport: Party = { kind: 'agency', name: '某区交通运输局' };
const item = (itemId: string, deadline: string, responsibleParty: Party, description = '整改事项') => ({ itemId, description, deadline, responsibleParty });

type List = { items: any[]; total: number; totals: Record<string, number>; overdue: number; upToDate: boolean };
/** GET /api/rectifications as the viewer (a union liaison unless said) answers, and `check` holds of it. */
const list = (query: string, check: (body: List) => void, viewer: Viewer = as('union')) => answer(`/api/rectifications${query}`, viewer, check);
/** The item of the case, as the procuratorate lists it, has this shape. */
const itemOf = (caseId: string, itemId: string, shape: object) =>
  list(
    `?caseId=${caseId}`,
    (body) =>
      expect(
        body.items.find((i) => i.itemId === itemId),
        `item ${itemId}`,
      ).toMatchObject(shape),
    as('procuratorate'),
  );
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

describe('rectifications read model and GET /api/rectifications', () => {
  it('given a rectification list, each item moves through report, follow-up and meeting decisions', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const rectificationId = id();
    const [a, b, c] = [id(), id(), id()];
    const orderedAt = at(MINUTE);
    await spec
      .given(
        act('union', caseId, openCase(caseId, { employers: [E0, E1] })),
        act('union', caseId, cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '欠薪线索', feedbackDueAt: '2026-03-30T02:00:00.000Z' })),
        later(MINUTE),
      )
      .when(
        act(
          'procuratorate',
          caseId,
          cmd('OrderRectification', {
            rectificationId,
            items: [
              item(a, '2026-03-31T15:59:59.999Z', firm(E1), '补发拖欠工资'),
              item(b, '2026-04-15T15:59:59.999Z', hrBureau, '开展欠薪专项检查'),
              item(c, '2026-04-10T15:59:59.999Z', transport, '核查运输企业用工'),
            ],
          }),
        ),
      )
      .then(
        list(
          `?caseId=${caseId}`,
          (ordered) => {
            expect(ordered.items.map((i) => i.itemId)).toEqual([a, c, b]);
            expect(ordered.items[0]).toEqual({
              caseId,
              rectificationId,
              itemId: a,
              description: '补发拖欠工资',
              orderedBy: 'procuratorate',
              orderedAt,
              responsibleParty: firm(E1),
              responsibleAgency: null,
              employers: [{ name: E1.name, uscc: E1.uscc }],
              deadline: '2026-03-31T15:59:59.999Z',
              originalDeadline: '2026-03-31T15:59:59.999Z',
              region: '330106',
              extensions: 0,
              status: 'open',
              escalated: false,
              overdue: false,
              deadlineStatus: 'pending',
              met: null,
              lastReport: null,
              followUps: [],
              decisions: [],
            });
            // Not an enterprise: the case's own employers are the ones concerned.
            expect(ordered.items[1]).toMatchObject({ itemId: c, responsibleParty: transport, responsibleAgency: null, employers: [E0, E1] });
            expect(ordered.items[2]).toMatchObject({ itemId: b, responsibleAgency: 'hr_bureau', employers: [E0, E1] });
            expect([ordered.totals, ordered.overdue]).toEqual([{ open: 3, reported: 0, verified: 0, not_verified: 0, escalated: 0, closed_by_meeting: 0 }, 0]);
          },
          as('procuratorate'),
        ),
      );

    // Item a: reported, found not done, reported again, verified.
    await spec
      .when(act('procuratorate', caseId, cmd('ReportRectificationItem', { itemId: a, summary: '企业称已补发' })))
      .then(itemOf(caseId, a, { status: 'reported', lastReport: { summary: '企业称已补发', at: orderedAt }, deadlineStatus: null }));
    const firstCheck = id();
    await spec
      .when(act('procuratorate', caseId, cmd('DoFollowUp', { followUpId: firstCheck, results: [{ itemId: a, verified: false, findings: '仍有 2 人未发' }] })))
      .then(
        itemOf(caseId, a, {
          status: 'not_verified',
          deadlineStatus: 'pending',
          followUps: [{ followUpId: firstCheck, verified: false, findings: '仍有 2 人未发' }],
        }),
      );
    await spec
      .when(act('procuratorate', caseId, cmd('ReportRectificationItem', { itemId: a, summary: '已全部补发' })))
      .then(itemOf(caseId, a, { status: 'reported', lastReport: { summary: '已全部补发' } }));
    await spec.when(act('procuratorate', caseId, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId: a, verified: true, findings: '核查属实' }] }))).then(
      list(
        `?caseId=${caseId}`,
        (body) => {
          const verified = body.items.find((i) => i.itemId === a);
          expect([verified.status, verified.followUps.map((f: any) => f.verified)]).toEqual(['verified', [false, true]]);
        },
        as('procuratorate'),
      ),
    );

    // Item b: the HR bureau reports its own; the meeting closes it.
    await spec
      .when(act('hr_bureau', caseId, cmd('ReportRectificationItem', { itemId: b, summary: '专项检查已开展' })))
      .then(itemOf(caseId, b, { status: 'reported' }));
    const closing = id();
    await spec
      .when(meetingDecided(caseId, { meetingId: closing, itemId: b, decision: 'close', note: '销项' }))
      .then(itemOf(caseId, b, { status: 'closed_by_meeting', decisions: [{ meetingId: closing, decision: 'close', note: '销项', at: orderedAt }] }));

    // Item c: extended (status unchanged, the first deadline kept), then escalated.
    await spec
      .when(meetingDecided(caseId, { itemId: c, decision: 'extend', newDeadline: '2026-05-10T15:59:59.999Z', note: '延期一个月' }))
      .then(itemOf(caseId, c, { status: 'open', deadline: '2026-05-10T15:59:59.999Z', originalDeadline: '2026-04-10T15:59:59.999Z', extensions: 1 }));
    await spec.when(meetingDecided(caseId, { itemId: c, decision: 'escalate', note: '升级督办' })).then(
      list(
        `?caseId=${caseId}`,
        (body) => {
          const escalated = body.items.find((i) => i.itemId === c);
          expect([escalated.status, escalated.escalated, escalated.decisions.map((d: any) => d.decision)]).toEqual(['escalated', true, ['extend', 'escalate']]);
        },
        as('procuratorate'),
      ),
      list(
        `?caseId=${caseId}`,
        (final) => expect(final.totals).toEqual({ open: 0, reported: 0, verified: 1, not_verified: 0, escalated: 1, closed_by_meeting: 1 }),
        as('procuratorate'),
      ),
    );
  });

  it('orders overdue items first, then by deadline, and filters by employer, agency, case, status and overdue', async () => {
    const spec = await readModelSpec();
    const [case1, case2] = [id(), id()];
    const [x, y, z, w] = [id(), id(), id(), id()];
    const ids = (query: string, expected: string[]) =>
      list(query, (body) =>
        expect(
          body.items.map((i) => i.itemId),
          query,
        ).toEqual(expected),
      );
    await spec
      .given(
        act('union', case1, openCase(case1, { employers: [E0] })),
        act(
          'union',
          case1,
          cmd('OrderRectification', {
            rectificationId: id(),
            items: [
              item(x, '2026-03-05T15:59:59.999Z', firm(E0)),
              item(y, '2026-03-04T15:59:59.999Z', firm(E0)),
              item(z, '2026-03-20T15:59:59.999Z', hrBureau),
            ],
          }),
        ),
        act('union', case1, cmd('ReportRectificationItem', { itemId: y, summary: '已整改' })),
        act('union', case2, openCase(case2, { employers: [E2], region: '440300' })),
        act('hr_bureau', case2, cmd('OrderRectification', { rectificationId: id(), items: [item(w, '2026-03-06T15:59:59.999Z', firm(E2))] })),
      )
      .then(
        // Before any deadline passes: by deadline alone.
        ids('', [y, x, w, z]),
        list('', (body) => expect(body.overdue).toBe(0)),
      );

    await spec.when(later(5 * DAY)).then(
      // Saturday 7 March: x and w are past due; y was reported in time
      list('', (all) => {
        expect(all.items.map((i) => [i.itemId, i.overdue])).toEqual([
          [x, true],
          [w, true],
          [y, false],
          [z, false],
        ]);
        expect([all.total, all.overdue, all.totals['open'], all.totals['reported']]).toEqual([4, 2, 3, 1]);
        expect(all.items.map((i) => i.deadlineStatus)).toEqual(['overdue', 'overdue', null, 'pending']);
      }),
      ids(`?employer=${E0.uscc}`, [x, y, z]),
      ids(`?employer=${E2.uscc}`, [w]),
      ids(`?employer=${encodeURIComponent('丙')}`, [w]),
      ids(`?employer=${encodeURIComponent('有限公司')}`, [x, w, y, z]),
      ids('?agency=hr_bureau', [w, z]), // ordered w, must do z
      ids(`?caseId=${case2}`, [w]),
      ids('?overdueOnly=true', [x, w]),
      ids('?overdueOnly=false', [x, w, y, z]),
      ids(`?overdueOnly=1&employer=${E0.uscc}`, [x]),
      list('?status=reported', (reported) =>
        expect([reported.items.map((i) => i.itemId), reported.total, reported.totals['open'], reported.overdue]).toEqual([[y], 1, 3, 2]),
      ),
      list('?limit=2&offset=1', (page) => expect([page.items.map((i) => i.itemId), page.total]).toEqual([[w, y], 4])),
    );
  });

  it('a court liaison does not see a union-only list; a secretary and an auditor do; bad parameters give 400', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    await spec
      .given(
        act('union', caseId, openCase(caseId)),
        act('union', caseId, cmd('OrderRectification', { rectificationId: id(), items: [item(id(), '2026-03-31T15:59:59.999Z', firm(E0))] })),
      )
      .then(
        list('', (body) => expect(body.total).toBe(1), as('union')),
        list('', (body) => expect(body.total).toBe(0), as('court')),
        list(`?caseId=${caseId}`, (body) => expect(body.items).toEqual([]), as('court')),
        list('', (body) => expect(body.total).toBe(1), as('court', ['secretary'])),
        list('', (body) => expect(body.total).toBe(1), as('court', ['auditor'])),
        ...['status=done', 'overdueOnly=yes', 'limit=5000', 'caseId=nope', 'agency=police', 'employer='].map((bad) =>
          refused(`/api/rectifications?${bad}`, as('court'), 400),
        ),
      );
  });
});
