import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { env, inDays, openCaseBody, request, type Api } from './support.js';

interface Listed {
  status: number;
  body: { caseId: string; revision: string; commands: { name: string; path: string; label: { zh: string; en: string }; choices: Record<string, { value: string }[]> }[] };
}

const commandsOf = async (api: Api, caseId: string): Promise<Listed> => api('GET', `/api/cases/${caseId}/commands`);
const paths = (listed: Listed): string[] => listed.body.commands.map((c) => c.path);
const valuesOf = (listed: Listed, path: string, field: string): string[] | undefined =>
  listed.body.commands.find((c) => c.path === path)?.choices[field]?.map((c) => c.value);

describe('GET /api/cases/:caseId/commands: the acts the signed-in user may give on the case now', () => {
  it('offers the procuratorate the lead the union sent it, and after accepting it, feedback on it', async () => {
    const e = env();
    const [union, procuratorate] = [await e.boot('union'), await e.boot('procuratorate')];
    const unionApi = await union.as(['liaison']);
    const procApi = await procuratorate.as(['liaison']);
    const { caseId } = (await unionApi('POST', '/api/cases', openCaseBody())).body;
    const leadId = randomUUID();
    const sent = await unionApi('POST', `/api/cases/${caseId}/transfer-lead`, { leadId, to: 'procuratorate', summary: '涉嫌拒不支付劳动报酬', feedbackDueAt: inDays(14) });
    expect(sent.status).toBe(200);

    const listed = await commandsOf(procApi, caseId);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ caseId, revision: '1' });
    const accept = listed.body.commands.find((c) => c.path === 'accept-lead');
    expect(accept).toMatchObject({
      name: 'AcceptLead', label: { zh: '接收线索', en: 'Accept lead' },
      choices: { leadId: [{ value: leadId, label: { zh: expect.stringContaining('工会移送的线索'), en: expect.stringContaining('from Union') } }] },
    });
    expect(valuesOf(listed, 'decline-lead', 'leadId')).toEqual([leadId]);
    expect(paths(listed)).not.toContain('give-lead-feedback');
    // The procuratorate did not open the case: closing it is not its act.
    expect(paths(listed)).not.toContain('close-case');

    // The union sent it: it has no lead to answer, and still its own acts.
    const unionListed = await commandsOf(unionApi, caseId);
    expect(paths(unionListed)).not.toContain('accept-lead');
    expect(paths(unionListed)).toEqual(expect.arrayContaining(['transfer-lead', 'give-worker-feedback', 'hold-negotiation']));

    // The form posts what the choice names, to the path the command names.
    const accepted = await procApi('POST', `/api/cases/${caseId}/${accept!.path}`, { leadId: accept!.choices['leadId']![0]!.value, note: '立案审查' });
    expect(accepted).toMatchObject({ status: 200, body: { events: ['LeadAccepted'] } });

    const after = await commandsOf(procApi, caseId);
    expect(after.body.revision).toBe('2');
    expect(paths(after)).not.toContain('accept-lead');
    expect(paths(after)).not.toContain('decline-lead');
    expect(valuesOf(after, 'give-lead-feedback', 'leadId')).toEqual([leadId]);
    expect((await procApi('POST', `/api/cases/${caseId}/give-lead-feedback`, { leadId, summary: '已立案审查' })).status).toBe(200);
  });

  it('answers 404 alike for no case and for a case the agency may not read, as GET /api/cases/:caseId and the hub do', async () => {
    const e = env();
    const [union, court] = [await e.boot('union'), await e.boot('court')];
    const unionApi = await union.as(['liaison']);
    const { caseId } = (await unionApi('POST', '/api/cases', openCaseBody())).body;

    expect((await unionApi('GET', `/api/cases/${randomUUID()}/commands`)).status).toBe(404);
    expect((await unionApi('GET', '/api/cases/not-a-case/commands')).status).toBe(404);
    expect((await request(union.url)('GET', `/api/cases/${caseId}/commands`)).status).toBe(401);

    const courtLiaison = await court.as(['liaison']);
    const refused = await commandsOf(courtLiaison, caseId);
    const missing = await commandsOf(courtLiaison, randomUUID());
    expect(refused).toMatchObject({ status: 404, body: { status: 404 } });
    expect(missing).toMatchObject({ status: 404, body: { status: 404 } });
    // Nothing in the answer tells the two apart but the id the caller sent.
    expect((refused.body as unknown as { detail: string }).detail).toBe((missing.body as unknown as { detail: string }).detail);
    expect((await courtLiaison('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const feedback = { channel: 'phone', summary: '反馈' };
    const actOnOthers = await courtLiaison('POST', `/api/cases/${caseId}/give-worker-feedback`, feedback);
    const actOnNone = await courtLiaison('POST', `/api/cases/${randomUUID()}/give-worker-feedback`, feedback);
    expect([actOnOthers.status, actOnNone.status]).toEqual([404, 404]);
    expect(actOnOthers.body.detail).toBe(actOnNone.body.detail);

    // An auditor reads every case, and gives no command.
    const auditor = await court.as(['auditor']);
    expect(await commandsOf(auditor, caseId)).toMatchObject({ status: 200, body: { caseId, revision: '0', commands: [] } });
  });

  it('offers an agency that takes no part yet only the acts that bring the case before it', async () => {
    const e = env();
    const [union, court] = [await e.boot('union'), await e.boot('court')];
    const { caseId } = (await (await union.as(['liaison']))('POST', '/api/cases', openCaseBody())).body;
    // Liaison and auditor: the auditor may read the case, the liaison acts, and the court takes no part in it.
    const outsider = await court.as(['liaison', 'auditor']);
    const listed = await commandsOf(outsider, caseId);
    expect(listed.status).toBe(200);
    expect(listed.body.commands.map((c) => c.name)).toEqual(['FileLitigation']);
    expect((await outsider('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '反馈' })).status).toBe(403);
  });

  it('is documented in /openapi.json', async () => {
    const doc = (await request((await env().boot('hr_bureau')).url)('GET', '/openapi.json')).body;
    const route = doc.paths['/api/cases/{caseId}/commands']?.get;
    expect(route).toMatchObject({ operationId: 'AvailableCommands', tags: ['cases'] });
    expect(route.responses['200']).toBeDefined();
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
  });
});
