/** Small steps the report specs share: moving the clock to an instant, closing a case, reading a report. */
import type { AgencyId, Resolution } from '@hub/contracts';
import { cmd, EMPLOYERS } from '../support/cases.js';
import type { HubFixture } from '../support/fixture.js';

export const enterprise = { kind: 'enterprise' as const, name: EMPLOYERS[0]!.name, uscc: EMPLOYERS[0]!.uscc };

/** Moves the fixture's clock (which is also the store's) forward to `iso`: events appended next are recorded then. */
export function clockTo(fx: HubFixture, iso: string): void {
  const delta = Date.parse(iso) - fx.now().getTime();
  if (delta < 0) throw new Error(`the clock only moves forward: ${fx.now().toISOString()} → ${iso}`);
  fx.advance(delta);
}

export async function feedback(fx: HubFixture, agency: AgencyId, caseId: string): Promise<void> {
  await fx.act(agency, caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已电话告知职工受理情况' }));
}

export async function close(fx: HubFixture, agency: AgencyId, caseId: string, resolution: Resolution, amountRecoveredFen: number): Promise<void> {
  await fx.act(agency, caseId, cmd('CloseCase', { resolution, amountRecoveredFen, summary: '销号' }));
}

/** GET with a fresh session of `agency` (sessions are short: take one after moving the clock). */
export async function get(fx: HubFixture, path: string, agency: AgencyId = 'court'): Promise<{ status: number; body: any }> {
  return fx.request('GET', path, await fx.token(agency));
}

export async function monthly(fx: HubFixture, month: string, region?: string): Promise<any> {
  const res = await get(fx, `/api/reports/monthly?month=${month}${region === undefined ? '' : `&region=${region}`}`);
  if (res.status !== 200) throw new Error(`monthly report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.report;
}

/** { key: count } of a breakdown, leaving out zeros, so expectations list only what happened. */
export function counts(rows: readonly { key: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(rows.filter((r) => r.count !== 0).map((r) => [r.key, r.count]));
}

/** Per deadline kind: [due, metOnTime, metLate, notMet]. */
export function deadlines(report: any): Record<string, [number, number, number, number]> {
  return Object.fromEntries(report.deadlines.byKind.map((d: any) => [d.key, [d.due, d.metOnTime, d.metLate, d.notMet]]));
}
