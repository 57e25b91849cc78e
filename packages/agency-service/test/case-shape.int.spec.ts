import { caseStream } from '@hub/case-domain';
import { describe, expect, it } from 'vitest';
import { apiSpec, as, expectNewEvents, expectResponse } from './api-spec.js';
import { act, cmd, id, opened } from './given.js';
import { env, openCaseBody, request } from './support.js';

/** Issue 13.6 (docs/case-shape.md) at the API, against a real store: the itemized form and the older single fields. */
describe('cases as they are, over HTTP', () => {
  const caseOf = (response: { body: { caseId: string } }) => caseStream(response.body.caseId);
  const lead = {
    category: undefined,
    amountClaimedFen: undefined,
    channel: 'public_opinion',
    summary: '西湖区多家餐饮店欠薪并扣押押金',
    employers: [{ name: '某餐饮管理有限公司', uscc: '91330106MA2KQ7T39F' }, { name: '西湖区某夜市餐饮摊位（未登记）' }],
    categories: ['wage_arrears', 'withheld_deposit'],
    claimedItems: [
      { kind: 'wages', amountFen: 4_200_000 },
      { kind: 'deposits', amountFen: 300_000 },
    ],
  };

  it('opens a case with two employers (one without USCC), two categories and itemized claims', async () => {
    await apiSpec()
      .given()
      .when(as('union').post('/api/cases', openCaseBody(lead)))
      .then(
        expectResponse(201, { events: ['CaseOpened', 'CaseNumberAssigned'] }),
        expectNewEvents(caseOf, [
          {
            type: 'CaseOpened',
            data: {
              employers: lead.employers,
              category: 'wage_arrears',
              categories: ['wage_arrears', 'withheld_deposit'],
              amountClaimedFen: 4_500_000,
              claimedItems: lead.claimedItems,
            },
            metadata: { schemaVersion: 3 },
          },
          { type: 'CaseNumberAssigned' },
        ]),
      );
  });

  it('still accepts the older single category and amount, read as one category and one item', async () => {
    await apiSpec()
      .given()
      .when(as('union').post('/api/cases', openCaseBody({ category: 'social_insurance', amountClaimedFen: 88_000 })))
      .then(
        expectResponse(201),
        expectNewEvents(caseOf, [
          {
            type: 'CaseOpened',
            data: { categories: ['social_insurance'], amountClaimedFen: 88_000, claimedItems: [{ kind: 'social_insurance', amountFen: 88_000 }] },
          },
          { type: 'CaseNumberAssigned' },
        ]),
      );
  });

  it('answers 400 naming the field for both forms at once, for neither, for a kind twice and for a bad USCC, writing nothing', async () => {
    const spec = apiSpec().given();
    const paths = (body: { errors: { path: string; message: string }[] }) => body.errors.map((e) => e.path);
    await spec.when(as('union').post('/api/cases', openCaseBody({ claimedItems: [{ kind: 'wages', amountFen: 1 }] }))).thenNothingWritten(
      expectResponse(400, (body) => {
        expect(paths(body)).toEqual(['claimedItems']);
        expect(body.errors[0].message).toMatch(/二者之一.*exactly one/);
      }),
    );
    await spec
      .when(as('union').post('/api/cases', openCaseBody({ amountClaimedFen: undefined })))
      .thenNothingWritten(expectResponse(400, (body) => expect(paths(body)).toEqual(['claimedItems'])));
    await spec
      .when(
        as('union').post(
          '/api/cases',
          openCaseBody({
            ...lead,
            claimedItems: [
              { kind: 'wages', amountFen: 1 },
              { kind: 'wages', amountFen: 2 },
            ],
          }),
        ),
      )
      .thenNothingWritten(expectResponse(400, (body) => expect(body.errors[0].message).toMatch(/只能填写一次/)));
    await spec
      .when(as('union').post('/api/cases', openCaseBody({ ...lead, employers: [{ name: '某公司', uscc: '91330106MA2KQ7T39X' }] })))
      .thenNothingWritten(expectResponse(400, (body) => expect(paths(body)).toEqual(['employers.0.uscc'])));
    await spec
      .when(as('union').post('/api/cases', openCaseBody({ ...lead, claimedItems: [{ kind: 'tips', amountFen: 5 }] })))
      .thenNothingWritten(expectResponse(400, (body) => expect(paths(body)).toEqual(['claimedItems.0.kind'])));
  });

  it('closes a case with the money recovered by kind, or with the older single amount', async () => {
    const caseId = id();
    const ready = [opened(caseId), act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已告知' }))];
    const items = [
      { kind: 'wages', amountFen: 3_000_000 },
      { kind: 'overtime', amountFen: 250_000 },
    ];
    await apiSpec()
      .given(...ready)
      .when(as('union').post(`/api/cases/${caseId}/close-case`, { resolution: 'withdrawn', recoveredItems: items, summary: '职工撤回，已付部分工资' }))
      .then(
        expectResponse(200, { events: ['CaseClosed'] }),
        expectNewEvents(caseStream(caseId), [
          { type: 'CaseClosed', data: { amountRecoveredFen: 3_250_000, recoveredItems: items }, metadata: { schemaVersion: 2 } },
        ]),
      );
    const other = id();
    await apiSpec()
      .given(opened(other), act('union', other, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已告知' })))
      .when(as('union').post(`/api/cases/${other}/close-case`, { resolution: 'withdrawn', amountRecoveredFen: 500, summary: '撤回' }))
      .then(
        expectNewEvents(caseStream(other), [{ type: 'CaseClosed', data: { amountRecoveredFen: 500, recoveredItems: [{ kind: 'other', amountFen: 500 }] } }]),
      );
  });

  it('says in OpenAPI that the single fields are the older form, still accepted', async () => {
    const e = env();
    const union = await e.boot('union');
    const doc = (await request(union.url)('GET', '/openapi.json')).body;
    const body = doc.paths['/api/cases'].post.requestBody.content['application/json'].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    expect(schema.properties.amountClaimedFen).toMatchObject({ deprecated: true, description: expect.stringContaining('still accepted') });
    expect(schema.properties.category).toMatchObject({ deprecated: true });
    expect(schema.properties.claimedItems.description).toContain('itemized by kind');
    expect(JSON.stringify(doc.paths['/api/cases/{caseId}/close-case'])).toContain('recoveredItems');
  });
});
