import type { HubEvent } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { warningStream } from '../../src/streams.js';
import { EMPLOYERS, id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';
import { clockTo, get } from './steps.js';

const [E0, E1, E2, E3] = [EMPLOYERS[0]!, EMPLOYERS[1]!, EMPLOYERS[2]!, EMPLOYERS[3]!];
type Level = 'blue' | 'yellow' | 'orange' | 'red';

async function raise(fx: HubFixture, warningId: string, employer: typeof E0, level: Level, reasons: string[], region: string): Promise<void> {
  const event: HubEvent = { type: 'EmployerWarningRaised', data: { warningId, employer, level, reasons, region } };
  await fx.record('hr_bureau', warningStream(warningId), [event]);
}

async function resolve(fx: HubFixture, warningId: string): Promise<void> {
  await fx.record('hr_bureau', warningStream(warningId), [{ type: 'EmployerWarningResolved', data: { warningId, resolution: '已补发工资' } }]);
}

async function daily(fx: HubFixture, date: string, region?: string): Promise<any> {
  const res = await get(fx, `/api/reports/daily-warnings?date=${date}${region === undefined ? '' : `&region=${region}`}`);
  expect(res.status).toBe(200);
  return res.body.report;
}

const levels = (rows: readonly { key: string; count: number }[]) => Object.fromEntries(rows.filter((r) => r.count).map((r) => [r.key, r.count]));

describe('daily employer warning report: GET /api/reports/daily-warnings', () => {
  it('counts warnings raised and resolved on a Shanghai day, those open at its end, warned employers and employers with new cases', async () => {
    const fx = await hubFixture(); // 2026-03-02T02:00Z, 10:00 in Shanghai
    const [w1, w2, w3, w4, w5] = [id(), id(), id(), id(), id()];
    await raise(fx, w1, E0, 'red', ['拖欠工资三个月'], '330106');
    await raise(fx, w2, E1, 'yellow', ['社保断缴'], '330110');
    await raise(fx, w3, E2, 'blue', ['劳动合同签订率低'], '440300');
    await raise(fx, w5, E0, 'blue', ['未缴社保', '拖欠工资三个月'], '330106');
    const [c1, c2] = [id(), id()];
    await fx.act('union', c1, openCase(c1, { employers: [E0, E3], region: '330106' }));
    await fx.act('union', c2, openCase(c2, { employers: [E0], region: '330106' }));

    clockTo(fx, '2026-03-02T15:30:00.000Z'); // 23:30 on 2 March in Shanghai
    await resolve(fx, w2);
    clockTo(fx, '2026-03-02T16:30:00.000Z'); // 00:30 on 3 March in Shanghai
    await resolve(fx, w1);
    await raise(fx, w4, E1, 'orange', ['欠薪投诉集中'], '330110');

    const zj = await daily(fx, '2026-03-02', '33');
    expect([zj.date, zj.region]).toEqual(['2026-03-02', '33']);
    expect(zj.raised.total).toBe(3);
    expect(levels(zj.raised.byLevel)).toEqual({ red: 1, yellow: 1, blue: 1 });
    expect(levels(zj.resolved.byLevel)).toEqual({ yellow: 1 });
    // w1 was resolved only after midnight in Shanghai: still open at the end of 2 March.
    expect(zj.openAtEndOfDay.total).toBe(2);
    expect(levels(zj.openAtEndOfDay.byLevel)).toEqual({ red: 1, blue: 1 });
    expect(zj.employersWithOpenWarnings.employers).toEqual([
      { name: E0.name, uscc: E0.uscc, level: 'red', levelLabel: { zh: '红色预警', en: 'Red' }, reasons: ['拖欠工资三个月', '未缴社保'], openWarnings: 2 },
    ]);
    expect(zj.employersWithNewCases.employers).toEqual([
      { name: E0.name, uscc: E0.uscc, newCases: 2, hasOpenWarning: true },
      { name: E3.name, uscc: E3.uscc, newCases: 1, hasOpenWarning: false },
    ]);
    expect(zj.raised.byLevel[0]).toEqual({ key: 'blue', label: { zh: '蓝色预警', en: 'Blue' }, count: 1 });
    expect(zj.employersWithOpenWarnings.label).toEqual({ zh: '预警企业', en: 'Employers with open warnings' });

    const everywhere = await daily(fx, '2026-03-02');
    expect([everywhere.region, everywhere.raised.total, everywhere.resolved.total, everywhere.openAtEndOfDay.total]).toEqual([null, 4, 1, 3]);
    expect(everywhere.employersWithOpenWarnings.employers.map((e: any) => [e.uscc, e.level])).toEqual([
      [E0.uscc, 'red'],
      [E2.uscc, 'blue'],
    ]);

    const binjiang = await daily(fx, '2026-03-03', '330110');
    expect(levels(binjiang.raised.byLevel)).toEqual({ orange: 1 });
    expect(binjiang.resolved.total).toBe(0);
    expect(binjiang.employersWithOpenWarnings.employers).toEqual([
      { name: E1.name, uscc: E1.uscc, level: 'orange', levelLabel: { zh: '橙色预警', en: 'Orange' }, reasons: ['欠薪投诉集中'], openWarnings: 1 },
    ]);
    expect(binjiang.employersWithNewCases.employers).toEqual([]);

    const march3 = await daily(fx, '2026-03-03', '3301');
    expect(levels(march3.resolved.byLevel)).toEqual({ red: 1 });
    expect(levels(march3.openAtEndOfDay.byLevel)).toEqual({ orange: 1, blue: 1 });

    const before = await daily(fx, '2026-03-01');
    expect([before.raised.total, before.resolved.total, before.openAtEndOfDay.total]).toEqual([0, 0, 0]);
    expect((await daily(fx, '2026-03-02', '44')).employersWithOpenWarnings.employers.map((e: any) => e.uscc)).toEqual([E2.uscc]);
  });

  it('opens the cases of the employers behind each bar of the warnings chart (GET /api/cases?report=warnings…)', async () => {
    const fx = await hubFixture(); // 2026-03-02T02:00Z, 10:00 in Shanghai
    const [w1, w2] = [id(), id()];
    await raise(fx, w1, E0, 'red', ['拖欠工资三个月'], '330106');
    await raise(fx, w2, E1, 'yellow', ['社保断缴'], '330110');
    const [c1, c2, c3] = [id(), id(), id()];
    await fx.act('union', c1, openCase(c1, { employers: [E0, E3], region: '330106' }));
    await fx.act('union', c2, openCase(c2, { employers: [E1], region: '330110' }));
    await fx.act('union', c3, openCase(c3, { employers: [E2], region: '330106' }));
    clockTo(fx, '2026-03-02T15:30:00.000Z'); // 23:30 on 2 March in Shanghai
    await resolve(fx, w2);
    const auditor = await fx.token('court', ['auditor']);
    const behind = async (query: string) => {
      const res = await fx.request('GET', `/api/cases?limit=50&${query}`, auditor);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
      return (res.body.cases as { caseId: string }[]).map((c) => c.caseId);
    };
    expect(await behind('report=warnings&reportPeriod=2026-03-02&reportKey=red')).toEqual([c1]);
    expect(await behind('report=warnings&reportPeriod=2026-03-02&reportKey=red&reportSeries=open')).toEqual([c1]);
    expect(await behind('report=warnings&reportPeriod=2026-03-02&reportKey=yellow&reportSeries=resolved')).toEqual([c2]);
    expect(await behind('report=warnings&reportPeriod=2026-03-02&reportKey=yellow&reportSeries=open')).toEqual([]);
    expect(await behind('report=warnings&reportPeriod=2026-03-02&reportKey=yellow&region=330106')).toEqual([]);
    expect(await behind('report=warnings&reportPeriod=2026-03-03&reportKey=red&reportSeries=raised')).toEqual([]);
    expect(await behind('report=warnings&reportPeriod=2026-03-02&reportKey=blue')).toEqual([]);
  });

  it('refuses a bad date or region with 400', async () => {
    const fx = await hubFixture();
    for (const query of ['', 'date=2026-02-30', 'date=2026-3-2', 'date=2026-03-02T00:00:00Z', 'date=2026-03-02&region=330', 'date=2026-03-02&region=00']) {
      expect((await get(fx, `/api/reports/daily-warnings?${query}`)).status, query).toBe(400);
    }
    expect((await fx.request('GET', '/api/reports/daily-warnings?date=2026-03-02')).status).toBe(401);
  });
});
