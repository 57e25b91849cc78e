/**
 * What the audit hands to people reads like the screen (issue 14.5): Beijing time as
 * 2026年12月7日 09:30, fields by their Chinese names, agencies and people by name, no UUIDs, and
 * summaries whole however long.
 */
import { eventCatalog } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { handlerSummary, PEOPLE_COLUMNS, peopleRow, recorderWords, summaryOf, UNKNOWN_USER } from '../../src/audit/export-rows.js';
import { beijingTime, FIELD_WORDS, UUID, valueWords } from '../../src/audit/export-words.js';

const CASE = '0583576a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const USER = '7f1e2d3c-4b5a-4968-8776-655443322110';

function recorded(type: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent {
  return {
    id: '11111111-2222-4333-8444-555555555555',
    stream: `case-${CASE}`,
    revision: 3n,
    position: 42n,
    type,
    version: 1,
    data,
    metadata: { recordedAt: '2026-12-07T01:30:00.000Z', agency: 'procuratorate', actor: { userId: USER }, hash: 'ab'.repeat(32), ...metadata },
  } as unknown as RecordedEvent;
}

describe('export words', () => {
  it('given instants in UTC, when written for people, then they read as Beijing wall-clock time in Chinese', () => {
    expect(beijingTime('2026-12-07T01:30:00.000Z')).toBe('2026年12月7日 09:30');
    // Past midnight in Beijing is the next day.
    expect(beijingTime('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05');
    expect(beijingTime('not a time')).toBe('not a time');
  });

  it('given every field of every event in the catalog, then each has a Chinese name', () => {
    const missing: string[] = [];
    for (const def of Object.values(eventCatalog) as { type: string; data: { shape?: Record<string, unknown> } }[]) {
      for (const key of Object.keys(def.data.shape ?? {})) if (!FIELD_WORDS[key] || /[a-z]/i.test(FIELD_WORDS[key]!)) missing.push(`${def.type}.${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('given codes, agencies, money, ids and instants, when put in words, then no code or UUID is left', () => {
    expect(valueWords('categories', ['wage_arrears', 'withheld_deposit'])).toBe('欠薪、押金/保证金');
    expect(valueWords('to', 'procuratorate')).toBe('人民检察院');
    expect(valueWords('amountFen', 107246)).toBe('¥1,072.46');
    expect(valueWords('leadId', CASE)).toBeNull();
    expect(valueWords('feedbackDueAt', '2026-12-10T15:59:59.999Z')).toBe('2026年12月10日 23:59');
    expect(valueWords('urgent', true)).toBe('是');
  });

  it('given a long summary, when summarized, then it is whole, with Chinese field names and no field keys', () => {
    const long = '职工反映'.repeat(120);
    const line = summaryOf({ caseId: CASE, summary: long, channel: 'hotline_12351', workerCount: 4, feedbackDueAt: '2026-12-10T02:00:00Z' });
    expect(line.startsWith(long)).toBe(true);
    expect(line).not.toContain('…');
    expect(line).toContain('来源渠道：12351 热线');
    expect(line).toContain('涉及人数：4');
    expect(line).toContain('反馈期限：2026年12月10日 10:00');
    expect(line).not.toMatch(/[a-z]+[A-Z]?\w*:/);
    expect(line).not.toMatch(UUID);
  });

  it('given who recorded an act, then a person reads by name, a machine client by its name, and nobody known as 未知用户 — never a user id', () => {
    expect(recorderWords({ recordedAt: '', hash: '', actor: { userId: USER }, userName: '李检察官' } as never)).toBe('李检察官');
    expect(recorderWords({ recordedAt: '', hash: '', actor: { userId: USER } } as never)).toBe(UNKNOWN_USER);
    expect(recorderWords({ recordedAt: '', hash: '', actor: { userId: USER, via: 'api_key' }, userName: '12351平台' } as never)).toBe('系统接口·12351平台');
    const handler = handlerSummary({ agency: 'union', handler: { userId: USER, displayName: '张承办' }, assignedBy: { userId: CASE, displayName: '王科长' } });
    expect(handler).toBe('承办人：张承办；机构：工会；指定人：王科长');
  });

  it('given an event, when made a row, then every column is Chinese and the row carries no UUID', () => {
    // The hash algorithm keeps its standard name; nothing else is in English.
    expect(PEOPLE_COLUMNS.map((c) => c.title.replace('SHA-256', '').replace('SM3', '')).filter((t) => /[A-Za-z]/.test(t))).toEqual([]);
    const row = peopleRow(
      recorded('LeadTransferred', { leadId: CASE, caseId: CASE, from: 'procuratorate', to: 'union', summary: '请核查欠薪线索' }, { userName: '李检察官' }),
      '〔2026〕浙0106检字第3号',
    );
    expect(row).toMatchObject({
      caseNumber: '〔2026〕浙0106检字第3号',
      time: '2026年12月7日 09:30',
      agency: '人民检察院',
      user: '李检察官',
      label: '线索移送',
    });
    expect(row.summary).toBe('请核查欠薪线索；移送机构：人民检察院；接收机构：工会');
    expect(Object.values(row).join(' ')).not.toMatch(UUID);
  });
});
