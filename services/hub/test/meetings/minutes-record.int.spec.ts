/**
 * Issue 14.5: what official minutes record (JointMeetingHeld version 2) reaches the hub's meetings
 * read model and GET /api/meetings/:id: 会议地点, 主持人, 记录人, 出席人员 by unit, 议定事项.
 */
import { describe, expect, it } from 'vitest';
import { meetingStream } from '../../src/streams.js';
import { id } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';

describe('the minutes’ own fields', () => {
  it('given a meeting held with place, chair, recorder, people and matters agreed, when read from the hub, then each is there as recorded', async () => {
    const fx = await hubFixture();
    const meetingId = id();
    const chair = { unit: '工会', name: '周丽华', post: '女职工委员会主任' };
    const recorder = { unit: '工会', name: '陈思远' };
    const persons = [chair, { unit: '人民检察院', name: '李明哲', post: '检察官' }, { unit: '区卫生健康局', name: '孙建国' }];
    await fx.record('union', meetingStream(meetingId), [
      {
        type: 'JointMeetingScheduled',
        data: { meetingId, hostAgency: 'union', title: '女职工特殊保护专题联席会议', scheduledFor: '2026-03-10T02:00:00.000Z', agenda: '审议', caseIds: [] },
      },
      {
        type: 'JointMeetingHeld',
        data: {
          meetingId,
          attendees: { agencies: ['union', 'procuratorate'], otherBodies: ['区卫生健康局'], persons },
          casesReviewed: [],
          decisions: [],
          minutes: '会议通报整改进展。',
          location: '西湖区总工会三楼会议室',
          chair,
          recorder,
          resolutions: ['一个月内完成优惠体检。', '下次会议于四月召开。'],
        },
      },
    ]);
    await fx.settle();
    const detail = await fx.request('GET', `/api/meetings/${meetingId}`, await fx.token('procuratorate'));
    expect(detail.status).toBe(200);
    expect(detail.body.meeting).toMatchObject({
      status: 'held',
      location: '西湖区总工会三楼会议室',
      chair,
      recorder,
      resolutions: ['一个月内完成优惠体检。', '下次会议于四月召开。'],
      attendees: { agencies: ['union', 'procuratorate'], otherBodies: ['区卫生健康局'], persons },
    });
  });
});
