import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@hub/event-store';
import { expect } from 'vitest';
import { meetingStream } from '../src/index.js';
import { env, inDays, openCaseBody, type Api, type Env } from './support.js';

/** Three agencies on one store, with the people a joint meeting needs. */
export async function meetingWorld() {
  const e = env();
  const [union, procuratorate, hr] = [await e.boot('union'), await e.boot('procuratorate'), await e.boot('hr_bureau')];
  return {
    e,
    unionLiaison: await union.as(['liaison']),
    unionSecretary: await union.as(['secretary']),
    /** A second secretary of the union, for two people recording the same meeting at once. */
    otherUnionSecretary: async () => union.as(['secretary']),
    procSecretary: await procuratorate.as(['secretary']),
    hrSecretary: await hr.as(['secretary']),
    /** Booted only by the tests that need an agency with no part in anything. */
    courtSecretary: async () => (await e.boot('court')).as(['secretary']),
  };
}

/** A union case with a rectification list of `n` items, each due in 30 days; opened and ordered `hoursAgo` (补录) when given. */
export async function caseWithItems(liaison: Api, n: number, hoursAgo?: number): Promise<{ caseId: string; itemIds: string[] }> {
  const when = hoursAgo === undefined ? {} : { occurredAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() };
  const opened = await liaison('POST', '/api/cases', { ...openCaseBody(), ...when });
  expect(opened.status).toBe(201);
  const caseId = opened.body.caseId as string;
  const itemIds = Array.from({ length: n }, () => randomUUID());
  const ordered = await liaison('POST', `/api/cases/${caseId}/order-rectification`, {
    rectificationId: randomUUID(),
    items: itemIds.map((itemId) => ({
      itemId,
      description: '补发拖欠工资',
      deadline: inDays(30),
      responsibleParty: { kind: 'enterprise', name: '某建筑劳务有限公司' },
    })),
    ...when,
  });
  expect(ordered.status).toBe(200);
  return { caseId, itemIds };
}

export const scheduleBody = (caseIds: string[]) => ({ title: '2026 年第一季度联席会议', scheduledFor: inDays(2), agenda: '审议整改清单，逾期优先', caseIds });

export async function schedule(secretary: Api, caseIds: string[]): Promise<string> {
  const scheduled = await secretary('POST', '/api/meetings', scheduleBody(caseIds));
  expect(scheduled.status).toBe(201);
  return scheduled.body.meetingId as string;
}

export const holdBody = (caseIds: string[], decisions: unknown[], agencies = ['union', 'procuratorate']) => ({
  attendees: { agencies, otherBodies: ['区卫生健康委员会'] },
  casesReviewed: caseIds,
  decisions,
  minutes: '会议审议了整改清单并逐项作出决定',
});

/**
 * What a service that crashed right after recording the meeting leaves behind: the meeting, none
 * of its case records. Written straight to the store, so it can also be a record the hold route
 * would have refused (by another agency than the host, one agency attending…).
 */
export async function heldWithoutCases(e: Env, meetingId: string, body: ReturnType<typeof holdBody>, agency = 'union'): Promise<void> {
  await e.store.append(
    meetingStream(meetingId),
    [
      {
        type: 'JointMeetingHeld',
        data: { meetingId, ...body } as never,
        metadata: { agency, schemaVersion: 1, actor: { agency, userId: 'crashed-secretary' } },
      },
    ],
    { expectedRevision: 0n },
  );
}

export async function meetingEvents(e: Env, meetingId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of e.store.readStream(meetingStream(meetingId))) events.push(event);
  return events;
}
