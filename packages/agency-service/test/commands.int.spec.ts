import { caseStream } from '@hub/case-domain';
import { describe, expect, it } from 'vitest';
import { anonymous, apiSpec, as, expectNewEvents, expectResponse, type Outcome, type Then } from './api-spec.js';
import { act, cmd, id, opened } from './given.js';
import { inDays } from './support.js';

interface Offered {
  name: string;
  path: string;
  label: { zh: string; en: string };
  choices: Record<string, { value: string }[]>;
}

const commands = (caseId: string) => `/api/cases/${caseId}/commands`;
const offered = (outcome: Outcome): Offered[] => outcome.response.body.commands;
const pathsOf = (body: { commands: Offered[] }) => body.commands.map((c) => c.path);

/** The listing offers the command at `path`, shaped like `shape`. */
const offers =
  (path: string, shape: object): Then =>
  ({ response }) =>
    expect(
      (response.body.commands as Offered[]).find((c) => c.path === path),
      `the offered ${path}`,
    ).toMatchObject(shape);
/** The listing offers `path` with exactly these values to choose for `field`. */
const offersChoices =
  (path: string, field: string, values: string[]): Then =>
  ({ response }) =>
    expect(
      (response.body.commands as Offered[]).find((c) => c.path === path)?.choices[field]?.map((c) => c.value),
      `choices of ${path}.${field}`,
    ).toEqual(values);
const offersAll =
  (...paths: string[]): Then =>
  ({ response }) =>
    expect(pathsOf(response.body)).toEqual(expect.arrayContaining(paths));
const offersNone =
  (...paths: string[]): Then =>
  ({ response }) => {
    for (const path of paths) expect(pathsOf(response.body), `offered commands (${path} must not be one)`).not.toContain(path);
  };
/** The same detail as the other answer: nothing tells the two apart but the id the caller sent. */
const sameDetailAs =
  (other: Outcome): Then =>
  ({ response }) =>
    expect(response.body.detail).toBe(other.response.body.detail);

describe('GET /api/cases/:caseId/commands: the acts the signed-in user may give on the case now', () => {
  it('offers the procuratorate the lead the union sent it, and after accepting it, feedback on it', async () => {
    const spec = apiSpec();
    const [caseId, leadId] = [id(), id()];
    const transfer = { leadId, to: 'procuratorate', summary: '涉嫌拒不支付劳动报酬', feedbackDueAt: inDays(14) } as const;
    await spec
      .given(opened(caseId))
      .when(as('union').post(`/api/cases/${caseId}/transfer-lead`, transfer))
      .then(expectResponse(200), expectNewEvents(caseStream(caseId), [{ type: 'LeadTransferred', data: { leadId, to: 'procuratorate' } }]));
    const sent = [opened(caseId), act('union', caseId, cmd('TransferLead', transfer))];

    const listed = await spec
      .given(...sent)
      .when(as('procuratorate').get(commands(caseId)))
      .thenNothingWritten(
        expectResponse(200, { caseId, revision: '1' }),
        offers('accept-lead', {
          name: 'AcceptLead',
          label: { zh: '接收线索', en: 'Accept lead' },
          // The lead by what the union wrote, who sent it and by when, in Chinese dates: no id, no ISO date.
          choices: {
            leadId: [
              {
                value: leadId,
                label: {
                  zh: expect.stringMatching(/^涉嫌拒不支付劳动报酬（工会移送，反馈期限 \d{4}年\d{1,2}月\d{1,2}日）$/),
                  en: expect.stringContaining('from the Trade union'),
                },
              },
            ],
          },
        }),
        offersChoices('decline-lead', 'leadId', [leadId]),
        // The procuratorate did not open the case: closing it is not its act.
        offersNone('give-lead-feedback', 'close-case'),
      );

    // The union sent it: it has no lead to answer, and still its own acts.
    await spec
      .given(...sent)
      .when(as('union').get(commands(caseId)))
      .thenNothingWritten(expectResponse(200), offersNone('accept-lead'), offersAll('transfer-lead', 'give-worker-feedback', 'hold-negotiation'));

    // The form posts what the choice names, to the path the command names.
    const accept = offered(listed).find((c) => c.path === 'accept-lead')!;
    await spec
      .given(...sent)
      .when(as('procuratorate').post(`/api/cases/${caseId}/${accept.path}`, { leadId: accept.choices['leadId']![0]!.value, note: '立案审查' }))
      .then(expectResponse(200, { events: ['LeadAccepted'] }), expectNewEvents(caseStream(caseId), [{ type: 'LeadAccepted', data: { leadId } }]));

    const accepted = [...sent, act('procuratorate', caseId, cmd('AcceptLead', { leadId, note: '立案审查' }))];
    await spec
      .given(...accepted)
      .when(as('procuratorate').get(commands(caseId)))
      .thenNothingWritten(
        expectResponse(200, { revision: '2' }),
        offersNone('accept-lead', 'decline-lead'),
        offersChoices('give-lead-feedback', 'leadId', [leadId]),
      );
    await spec
      .given(...accepted)
      .when(as('procuratorate').post(`/api/cases/${caseId}/give-lead-feedback`, { leadId, summary: '已立案审查' }))
      .then(expectResponse(200), expectNewEvents(caseStream(caseId), [{ type: 'LeadFeedbackGiven', data: { leadId } }]));
  });

  it('offers the procuratorate a 检察建议 whose reply deadline the rules set, in words, and the employer as its addressee', async () => {
    const spec = apiSpec();
    const caseId = id();
    // The union's lead brings the case before the procuratorate.
    const sent = [
      opened(caseId),
      act('union', caseId, cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '欠薪线索', feedbackDueAt: inDays(14) })),
    ];
    const listed = await spec
      .given(...sent)
      .when(as('procuratorate').get(commands(caseId)))
      .thenNothingWritten(
        expectResponse(200),
        offers('issue-supervision-letter', {
          ruleSet: [
            {
              field: 'replyDueAt',
              when: { kind: 'procuratorial_recommendation', urgent: false },
              ruleId: 'R8.statutory-deadline',
              label: { zh: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日（由规定确定，无需填写）$/), en: expect.stringContaining('set by the rules') },
            },
            { field: 'replyDueAt', when: { kind: 'procuratorial_recommendation', urgent: true }, ruleId: 'R8.statutory-deadline' },
          ],
          prefill: { addressee: { kind: 'enterprise' } },
        }),
      );
    // The form sends no reply deadline: the service sets the one it showed.
    const letter = (offered(listed).find((c) => c.path === 'issue-supervision-letter') as Offered & {
      ruleSet: { value: string }[];
      prefill: { addressee: object };
    })!;
    const body = { letterId: id(), kind: 'procuratorial_recommendation', addressee: letter.prefill.addressee, summary: '建议依法清偿拖欠工资', urgent: false };
    await spec
      .given(...sent)
      .when(as('procuratorate').post(`/api/cases/${caseId}/issue-supervision-letter`, body))
      .then(expectResponse(200), expectNewEvents(caseStream(caseId), [{ type: 'SupervisionLetterIssued', data: { replyDueAt: letter.ruleSet[0]!.value } }]));
  });

  it('answers 404 alike for no case and for a case the agency may not read, as GET /api/cases/:caseId and the hub do', async () => {
    const spec = apiSpec();
    const caseId = id();
    const union = spec.given(opened(caseId));
    await union.when(as('union').get(commands(id()))).thenNothingWritten(expectResponse(404));
    await union.when(as('union').get(commands('not-a-case'))).thenNothingWritten(expectResponse(404));
    await union.when(anonymous('union').get(commands(caseId))).thenNothingWritten(expectResponse(401));

    const missing = await union.when(as('court').get(commands(id()))).thenNothingWritten(expectResponse(404, { status: 404 }));
    await union.when(as('court').get(commands(caseId))).thenNothingWritten(expectResponse(404, { status: 404 }), sameDetailAs(missing));
    await union.when(as('court').get(`/api/cases/${caseId}`)).thenNothingWritten(expectResponse(404));

    const feedback = { channel: 'phone', summary: '反馈' };
    const actOnNone = await union.when(as('court').post(`/api/cases/${id()}/give-worker-feedback`, feedback)).thenNothingWritten(expectResponse(404));
    await union.when(as('court').post(`/api/cases/${caseId}/give-worker-feedback`, feedback)).thenNothingWritten(expectResponse(404), sameDetailAs(actOnNone));

    // An auditor reads every case, and gives no command.
    await union.when(as('court', ['auditor']).get(commands(caseId))).thenNothingWritten(expectResponse(200, { caseId, revision: '0', commands: [] }));
  });

  it('offers an agency that takes no part yet only the acts that bring the case before it', async () => {
    const spec = apiSpec();
    const caseId = id();
    // Liaison and auditor: the auditor may read the case, the liaison acts, and the court takes no part in it.
    const outsider = as('court', ['liaison', 'auditor']);
    await spec
      .given(opened(caseId))
      .when(outsider.get(commands(caseId)))
      .thenNothingWritten(expectResponse(200, (body) => expect(body.commands.map((c: Offered) => c.name)).toEqual(['FileLitigation'])));
    await spec
      .given(opened(caseId))
      .when(outsider.post(`/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '反馈' }))
      .thenNothingWritten(expectResponse(403));
  });

  it('is documented in /openapi.json', async () => {
    await apiSpec()
      .given()
      .when(anonymous('hr_bureau').get('/openapi.json'))
      .thenNothingWritten(
        expectResponse(200, (doc) => {
          const route = doc.paths['/api/cases/{caseId}/commands']?.get;
          expect(route).toMatchObject({ operationId: 'AvailableCommands', tags: ['cases'] });
          expect(route.responses['200']).toBeDefined();
          expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
        }),
      );
  });
});
