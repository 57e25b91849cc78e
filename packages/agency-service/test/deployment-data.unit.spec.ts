import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPolicy, isWorkingDay } from '@hub/case-domain';
import { ConfigError } from '@hub/service-kit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AGENCY_VARIABLES, loadDeploymentDeadlines, warnOnce } from '../src/index.js';

function file(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'deployment-data-unit-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const DEC_2026 = new Date('2026-12-07T02:00:00Z');

describe('DEADLINE_POLICY and HOLIDAY_CALENDAR', () => {
  it('are agency-service settings', () => {
    expect(AGENCY_VARIABLES).toEqual(expect.arrayContaining(['DEADLINE_POLICY', 'HOLIDAY_CALENDAR']));
  });

  it('given neither, DOMAIN.md’s defaults count on the national calendars, and the provisional 2027 is warned of', () => {
    const { policy, warnings } = loadDeploymentDeadlines({}, DEC_2026);
    const { calendar: _c, ...durations } = policy;
    const { calendar: _d, ...defaults } = defaultPolicy;
    expect(durations).toEqual(defaults);
    expect(isWorkingDay('2026-10-10', policy.calendar)).toBe(true); // a 2026 调休 Saturday
    expect(isWorkingDay('2027-02-05', policy.calendar)).toBe(false); // 2027's 除夕
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^节假日日历 2027 年为暂定（packages\/case-domain\/calendars\/prc-2027\.json）/);
    expect(warnings[0]).toContain('the 2027 holiday calendar is provisional');
  });

  it('given a year ahead that no file covers, it is warned of (this year, and the year 90 days on)', () => {
    const { warnings } = loadDeploymentDeadlines({}, new Date('2027-11-15T00:00:00Z'));
    expect(warnings.some((w) => w.includes('no holiday calendar covers 2028'))).toBe(true);
    expect(warnings.some((w) => w.includes('no holiday calendar covers 2027'))).toBe(false);
  });

  it('given a published 2027 calendar in place of the shipped one, no provisional warning remains', () => {
    const published = file('prc-2027.json', { year: 2027, provisional: false, holidays: ['2027-01-01'], workdays: [] });
    const { warnings } = loadDeploymentDeadlines({ HOLIDAY_CALENDAR: `${published}` }, new Date('2027-03-01T00:00:00Z'));
    expect(warnings).toEqual([]);
  });

  it('given a file that cannot be read or parsed, refuses with a ConfigError naming the setting and the file', () => {
    expect(() => loadDeploymentDeadlines({ DEADLINE_POLICY: '/nonexistent/policy.json' }, DEC_2026)).toThrow(
      'DEADLINE_POLICY /nonexistent/policy.json: 无法读取 · cannot read: 文件不存在 · no such file',
    );
    const bad = file('policy.json', '{ "dueSoonDays": "3" }');
    expect(() => loadDeploymentDeadlines({ DEADLINE_POLICY: bad }, DEC_2026)).toThrow(ConfigError);
    expect(() => loadDeploymentDeadlines({ DEADLINE_POLICY: bad }, DEC_2026)).toThrow(
      `DEADLINE_POLICY ${bad}:1:18: 第 1 行第 18 列：dueSoonDays 应是 0 到 366 之间的整数`,
    );
  });

  it('says each warning once per process, as five services start in one', () => {
    const said: string[] = [];
    warnOnce(['a unique warning for this spec'], (m) => said.push(m));
    warnOnce(['a unique warning for this spec'], (m) => said.push(m));
    expect(said).toEqual(['a unique warning for this spec']);
  });
});
