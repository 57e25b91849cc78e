import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commandByPath, commandCatalog, commandDefinitions, eventCatalog } from '../src/index.js';

const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

describe('the command catalog', () => {
  it('names commands imperatively and routes each by the kebab-case of its name', () => {
    expect(commandDefinitions.length).toBe(36);
    for (const command of commandDefinitions) {
      expect(command.path).toBe(kebab(command.name));
      expect(commandByPath.get(command.path)?.name).toBe(command.name);
      expect(command.label.zh).toMatch(/\p{Script=Han}/u);
      expect(command.roles.length).toBeGreaterThan(0);
    }
    expect(new Set(commandDefinitions.map((c) => c.path)).size).toBe(commandDefinitions.length);
    expect(commandCatalog.TransferLead.path).toBe('transfer-lead');
  });

  it('lets an agency issue a command only if it may record what the command yields', () => {
    for (const command of commandDefinitions) {
      for (const agency of command.issuedBy) {
        for (const type of command.yields) expect(eventCatalog[type].recordedBy, `${command.name} by ${agency}`).toContain(agency);
      }
    }
  });

  it('validates a client body strictly, naming unknown fields', () => {
    const body = { leadId: randomUUID(), to: 'procuratorate', summary: '4 家危化品物流企业未组织女职工妇科检查', feedbackDueAt: '2026-12-01T15:59:59.999Z' };
    expect(commandCatalog.TransferLead.input.safeParse(body).success).toBe(true);
    const extra = commandCatalog.TransferLead.input.safeParse({ ...body, from: 'court' });
    expect(extra.error?.issues[0]?.message).toBe('不接受的字段：from · unknown field(s): from');
    const badAgency = commandCatalog.TransferLead.input.safeParse({ ...body, to: 'police' });
    expect(badAgency.error?.issues[0]?.message).toContain('union | procuratorate | hr_bureau | court');
  });

  it('takes plain worker identity in OpenCase and validates it', () => {
    const body = {
      channel: 'hotline_12351',
      category: 'wage_arrears',
      summary: '拖欠工资',
      employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
      workerCount: 2,
      workers: [{ name: '张三', idNumber: '330106199003071236', phone: '13812345678' }],
      amountClaimedFen: 107246,
      region: '330106',
    };
    expect(commandCatalog.OpenCase.input.safeParse(body).success).toBe(true);
    expect(commandCatalog.OpenCase.input.safeParse({ ...body, workers: [{ name: '张三', phone: '1381234567' }] }).success).toBe(false);
    expect(commandCatalog.OpenCase.input.safeParse({ ...body, amountClaimedFen: 1072.46 }).success).toBe(false);
    const { workers: _w, ...withoutWorkers } = body;
    expect(commandCatalog.OpenCase.input.parse(withoutWorkers).workers).toEqual([]);
  });

  it('applies defaults the decider relies on', () => {
    const letter = commandCatalog.IssueSupervisionLetter.input.parse({
      letterId: randomUUID(),
      kind: 'reminder_letter',
      addressee: { kind: 'enterprise', name: '某物流有限公司' },
      summary: '提示依法落实女职工特殊保护',
      replyDueAt: '2026-12-01T15:59:59.999Z',
    });
    expect(letter.urgent).toBe(false);
  });
});
