import { WrongExpectedRevision, EventTooLarge } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BadRequest, Conflict, Forbidden, NotFound, PayloadTooLarge, problemFor, Unauthorized } from '../src/index.js';

class RuleViolation extends Error {
  readonly status = 409;
  constructor(
    readonly ruleId: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

describe('problemFor', () => {
  it('maps the typed errors to their status', () => {
    expect(problemFor(new BadRequest())?.status).toBe(400);
    expect(problemFor(new Unauthorized())?.status).toBe(401);
    expect(problemFor(new Forbidden())?.status).toBe(403);
    expect(problemFor(new NotFound())?.status).toBe(404);
    expect(problemFor(new PayloadTooLarge())?.status).toBe(413);
    expect(problemFor(new Conflict('lead_answered', '线索已答复', 'The lead was answered'))).toMatchObject({
      type: 'urn:hub:problem:conflict',
      title: 'Conflict',
      status: 409,
      ruleId: 'lead_answered',
      detail: '线索已答复',
      detailEn: 'The lead was answered',
    });
  });

  it('maps a ZodError to 400 with its issues by path', () => {
    const result = z.object({ workers: z.array(z.object({ name: z.string() })) }).safeParse({ workers: [{ name: 1 }] });
    const problem = problemFor(result.error);
    expect(problem?.status).toBe(400);
    expect(problem?.['errors']).toEqual([{ path: 'workers.0.name', message: expect.any(String) }]);
  });

  it('maps a rule violation from another package by its shape, with both messages', () => {
    const problem = problemFor(new RuleViolation('joint_review_needs_two', '共同研判至少需要两个机构', 'A joint review needs at least two agencies'));
    expect(problem).toMatchObject({
      status: 409,
      ruleId: 'joint_review_needs_two',
      detail: '共同研判至少需要两个机构',
      detailEn: 'A joint review needs at least two agencies',
    });
  });

  it('maps store errors: a stale revision is a concurrency conflict, an oversized event 413', () => {
    expect(problemFor(new WrongExpectedRevision('case-1', 3n, 4n))).toMatchObject({ status: 409, ruleId: 'concurrency' });
    expect(problemFor(new EventTooLarge(0, 10, 5))?.status).toBe(413);
  });

  it('maps body-parser errors by type', () => {
    expect(problemFor(Object.assign(new Error('x'), { type: 'entity.parse.failed', status: 400, expose: true }))?.status).toBe(400);
    expect(problemFor(Object.assign(new Error('x'), { type: 'entity.too.large', status: 413, expose: true }))?.status).toBe(413);
    expect(problemFor(Object.assign(new Error('x'), { type: 'encoding.unsupported', status: 415, expose: true }))?.status).toBe(415);
  });

  it('leaves anything else to the 500 path', () => {
    expect(problemFor(new Error('boom'))).toBeNull();
    expect(problemFor(Object.assign(new Error('x'), { ruleId: 'r', status: 500 }))).toBeNull();
    expect(problemFor('a string')).toBeNull();
  });
});
