import { describe, expect, it } from 'vitest';
import { choiceLabel, offeredCommand, type ChoiceFact } from '../src/index.js';

const leadId = '0195f3a2-7c41-7d8e-9a10-4b2c3d4e5f60';
const id = (n: number): string => `${n}0000000-aaaa-4bbb-8ccc-dddddddddddd`.slice(0, 36);

/** One fact of every kind, with the words it must read as: a new kind does not compile until it is here. */
const worded: { readonly [K in ChoiceFact['kind']]: [Extract<ChoiceFact, { kind: K }>, { zh: string; en: string }] } = {
  user: [
    { kind: 'user', value: id(4), displayName: '王承办' },
    { zh: '王承办', en: '王承办' },
  ],
  agency: [
    { kind: 'agency', value: 'hr_bureau' },
    { zh: '人力资源和社会保障局', en: 'Human resources and social security bureau' },
  ],
  letter_kind: [
    { kind: 'letter_kind', value: 'procuratorial_recommendation' },
    { zh: '检察建议', en: 'Procuratorial recommendation' },
  ],
  resolution: [
    { kind: 'resolution', value: 'withdrawn' },
    { zh: '撤回', en: 'Withdrawn' },
  ],
  basis_kind: [
    { kind: 'basis_kind', value: 'arbitration_award' },
    { zh: '仲裁裁决书', en: 'Arbitration award' },
  ],
  lead: [
    { kind: 'lead', value: leadId, summary: '某建筑工地拖欠 12 名农民工工资', from: 'union', feedbackDueOn: '2026-03-16', feedbackGiven: false },
    {
      zh: '某建筑工地拖欠 12 名农民工工资（工会移送，反馈期限 2026年3月16日）',
      en: '某建筑工地拖欠 12 名农民工工资 (from the Trade union, feedback due 16 Mar 2026)',
    },
  ],
  mediation: [
    { kind: 'mediation', value: id(1), room: '区总工会调解室', status: 'started' },
    { zh: '调解 10000000 · 区总工会调解室（调解中）', en: 'Mediation 10000000 · 区总工会调解室 (Under way)' },
  ],
  arbitration: [
    { kind: 'arbitration', value: id(2), status: 'accepted' },
    { zh: '仲裁 20000000（已受理）', en: 'Arbitration 20000000 (Accepted)' },
  ],
  litigation: [
    { kind: 'litigation', value: id(3), status: 'judged' },
    { zh: '诉讼 30000000（已判决）', en: 'Litigation 30000000 (Judged)' },
  ],
  enforcement: [
    { kind: 'enforcement', value: id(4) },
    { zh: '执行 40000000', en: 'Enforcement 40000000' },
  ],
  basis: [
    { kind: 'basis', value: id(2), basis: 'arbitration_mediation_document', of: { kind: 'arbitration', value: id(2), status: 'mediation_document_issued' } },
    {
      zh: '仲裁调解书 · 仲裁 20000000（已出具仲裁调解书）',
      en: 'Arbitration mediation document · Arbitration 20000000 (Mediation document issued)',
    },
  ],
  letter: [
    { kind: 'letter', value: id(5), letterKind: 'opinion_letter', addressee: '某某科技有限公司', replyDueOn: '2026-04-01' },
    { zh: '意见书致某某科技有限公司（回复期限 2026年4月1日）', en: 'Opinion letter to 某某科技有限公司 (reply due 1 Apr 2026)' },
  ],
  item: [
    { kind: 'item', value: id(6), description: '组织女职工妇科检查', party: '某某科技有限公司', dueOn: '2026-04-01' },
    { zh: '组织女职工妇科检查 · 某某科技有限公司（期限 2026年4月1日）', en: '组织女职工妇科检查 · 某某科技有限公司 (due 1 Apr 2026)' },
  ],
  employer: [
    { kind: 'employer', value: '91310000MA1FL0000X', name: '某某科技有限公司' },
    { zh: '某某科技有限公司（91310000MA1FL0000X）', en: '某某科技有限公司 (91310000MA1FL0000X)' },
  ],
  worker: [
    { kind: 'worker', value: id(7), number: 1, erased: false },
    { zh: '职工 1', en: 'Worker 1' },
  ],
};

describe('choiceLabel: the words of an act form’s choices, from the facts the case domain states', () => {
  it('words every kind of choice in both languages, exactly', () => {
    for (const [fact, label] of Object.values(worded)) {
      expect(choiceLabel(fact), fact.kind).toEqual(label);
      expect(choiceLabel(fact).zh, fact.kind).toMatch(/\p{Script=Han}/u);
      // A lead, a rectification item and an employer start with their own words, which may be Chinese only.
      // Names of parties and people read the same in both languages.
      if (fact.kind !== 'lead' && fact.kind !== 'item' && fact.kind !== 'employer' && fact.kind !== 'user')
        expect(choiceLabel(fact).en, fact.kind).toMatch(/^[A-Z]/);
    }
  });

  it('marks a lead already answered, and a worker whose personal data was erased', () => {
    expect(choiceLabel({ kind: 'lead', value: leadId, summary: '欠薪线索', from: 'procuratorate', feedbackDueOn: '2026-03-16', feedbackGiven: true })).toEqual({
      zh: '欠薪线索（人民检察院移送，反馈期限 2026年3月16日，已反馈）',
      en: "欠薪线索 (from the People's procuratorate, feedback due 16 Mar 2026, feedback given)",
    });
    expect(choiceLabel({ kind: 'mediation', value: id(1), room: null, status: 'delegated' })).toEqual({
      zh: '调解 10000000（已委托，待开始）',
      en: 'Mediation 10000000 (Delegated, not started)',
    });
    expect(choiceLabel({ kind: 'worker', value: id(7), number: 2, erased: true })).toEqual({
      zh: '职工 2（个人信息已删除）',
      en: 'Worker 2 (personal data erased)',
    });
  });
});

describe('offeredCommand: what GET /api/cases/:caseId/commands answers for one available command', () => {
  it('adds the catalog’s path and label, and words each choice, in the order given', () => {
    expect(
      offeredCommand({
        name: 'TransferLead',
        choices: {
          to: [
            { kind: 'agency', value: 'procuratorate' },
            { kind: 'agency', value: 'court' },
          ],
        },
      }),
    ).toEqual({
      name: 'TransferLead',
      path: 'transfer-lead',
      label: { zh: '移送线索', en: 'Transfer lead' },
      choices: {
        to: [
          { value: 'procuratorate', label: { zh: '人民检察院', en: "People's procuratorate" } },
          { value: 'court', label: { zh: '人民法院', en: "People's court" } },
        ],
      },
    });
    const [item, words] = worded.item;
    expect(offeredCommand({ name: 'RecordMeetingDecision', choices: { itemId: [item] } })).toEqual({
      name: 'RecordMeetingDecision',
      path: 'record-meeting-decision',
      label: { zh: '记录联席会议决定', en: 'Record meeting decision' },
      choices: { itemId: [{ value: item.value, label: words }] },
    });
    expect(offeredCommand({ name: 'HoldNegotiation', choices: {} })).toEqual({
      name: 'HoldNegotiation',
      path: 'hold-negotiation',
      label: { zh: '组织协商', en: 'Hold negotiation' },
      choices: {},
    });
  });

  it('words the values the rules set as a Chinese day, and passes on what the case already knows', () => {
    const employer = { kind: 'enterprise' as const, name: '某某科技有限公司', uscc: '91310000MA1FL0000X' };
    const offered = offeredCommand({
      name: 'IssueSupervisionLetter',
      choices: {},
      ruleSet: [
        {
          field: 'replyDueAt',
          when: { kind: 'procuratorial_recommendation', urgent: false },
          dueAt: '2026-05-04T15:59:59.999Z',
          dueOn: '2026-05-04',
          ruleId: 'R8.statutory-deadline',
        },
      ],
      prefill: { addressee: employer },
    });
    expect(offered.ruleSet).toEqual([
      {
        field: 'replyDueAt',
        when: { kind: 'procuratorial_recommendation', urgent: false },
        value: '2026-05-04T15:59:59.999Z',
        ruleId: 'R8.statutory-deadline',
        label: { zh: '2026年5月4日（由规定确定，无需填写）', en: '4 May 2026 (set by the rules)' },
      },
    ]);
    expect(offered.prefill).toEqual({ addressee: employer });
  });
});
