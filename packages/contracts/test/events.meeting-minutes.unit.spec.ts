/**
 * JointMeetingHeld version 2 (issue 14.5): what official minutes record — 会议地点, 主持人, 记录人,
 * 出席单位及人员, 议定事项. A version 1 meeting reads through its upcaster as one that did not record them.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jointMeetingHeldV1Data, latestVersion, parseEventData, readCatalogEvent, upcast } from '../src/index.js';

const v1 = () => ({
  meetingId: randomUUID(),
  attendees: { agencies: ['union', 'procuratorate'], otherBodies: ['区司法局'] },
  casesReviewed: [],
  decisions: [],
  minutes: '会议听取了整改情况汇报。',
});

const record = {
  location: '区总工会三楼会议室',
  chair: { unit: '工会', name: '王主席', post: '副主席' },
  recorder: { unit: '工会', name: '陈秘书' },
  resolutions: ['对逾期事项升级督办。', '下次会议于一个月后召开。'],
};

describe('JointMeetingHeld version 2: the minutes’ own fields', () => {
  it('given a version 1 meeting, when read, then it upcasts to version 2 unchanged, without the new fields', () => {
    const old = v1();
    expect(latestVersion('JointMeetingHeld')).toBe(2);
    expect(jointMeetingHeldV1Data.safeParse(old).success).toBe(true);
    expect(upcast('JointMeetingHeld', 1, old)).toEqual(old);
    expect(readCatalogEvent({ type: 'JointMeetingHeld', data: old, metadata: { schemaVersion: 1 } }).data).toEqual(old);
  });

  it('given place, chair, recorder, people attending and matters agreed, when parsed as version 2, then all are kept', () => {
    const data = {
      ...v1(),
      attendees: { agencies: ['union'], otherBodies: [], persons: [{ unit: '人民检察院', name: '李检察官', post: '检察官' }] },
      ...record,
    };
    expect(parseEventData('JointMeetingHeld', data)).toEqual(data);
  });

  it('given a version 1 event carrying a version 2 field, then the version 1 schema refuses it', () => {
    expect(jointMeetingHeldV1Data.safeParse({ ...v1(), location: '会议室' }).success).toBe(false);
  });

  it('given an empty chair name or an empty matter agreed, then version 2 refuses it', () => {
    expect(() => parseEventData('JointMeetingHeld', { ...v1(), chair: { unit: '工会', name: ' ' } })).toThrow();
    expect(() => parseEventData('JointMeetingHeld', { ...v1(), resolutions: [''] })).toThrow();
  });
});
