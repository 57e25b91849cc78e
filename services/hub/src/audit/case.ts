import { caseStream } from '@hub/case-domain';
import type { EventStore, RecordedEvent } from '@hub/event-store';
import { NotFound } from '@hub/service-kit';
import type { Request } from 'express';
import { z } from 'zod';
import type { Viewer } from '../access.js';
import type { HubContext } from '../context.js';
import { viewerOf } from '../http/viewer.js';
import { actColumns, entryOf, mayOpenCase, TIMELINE, type TimelineEntry } from '../read-models/timeline/index.js';
import { maskData } from '../mask.js';

export const caseParams = z.object({ caseId: z.uuid() });

/**
 * The case a request names, once the viewer may open it: auditors any case, others the cases
 * their agency takes part in — the timeline's rule, and its one 404 for "no such case" and "not
 * yours", since which cases exist is itself not for everyone.
 */
export async function openCase(ctx: HubContext, req: Request): Promise<{ caseId: string; viewer: Viewer }> {
  const { caseId } = caseParams.parse(req.params);
  const viewer = viewerOf(req);
  await ctx.fresh([TIMELINE]);
  const db = ctx.projections.readModel(TIMELINE).db;
  if (!mayOpenCase(db, viewer, caseId)) {
    throw new NotFound('没有找到该案件，或本机构未参与该案件', 'No such case, or your agency takes no part in it');
  }
  return { caseId, viewer };
}

/** The case stream as the store holds it now, in revision order: the audit reads the store, never a read model. */
export async function readCase(store: EventStore, caseId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(caseStream(caseId))) events.push(event);
  return events;
}

/** A stored event in the timeline's entry shape (actor, labels, masked data). */
export function auditEntry(recorded: RecordedEvent): TimelineEntry {
  const actor = recorded.metadata['actor'] as { userId?: unknown } | undefined;
  const userName = recorded.metadata['userName'];
  const agency = recorded.metadata['agency'];
  return entryOf({
    position: recorded.position,
    stream: recorded.stream,
    kind: 'case',
    subject_id: recorded.stream.replace(/^case-/, ''),
    revision: recorded.revision,
    event_id: recorded.id,
    type: recorded.type,
    recorded_at: recorded.metadata.recordedAt,
    agency: typeof agency === 'string' ? agency : null,
    user_id: typeof actor?.userId === 'string' ? actor.userId : null,
    user_name: typeof userName === 'string' ? userName : null,
    data: JSON.stringify(maskData(recorded.data)),
    visible_to: '',
    addressed_to: '',
    hash: recorded.metadata.hash,
    prev_hash: recorded.metadata.prevHash ?? null,
    ...actColumns(recorded.metadata),
  });
}

/** A stored event as plain JSON: bigints as decimal strings, everything else exactly as stored. */
export function storedJson(event: RecordedEvent): Record<string, unknown> {
  return {
    id: event.id,
    stream: event.stream,
    revision: event.revision.toString(),
    position: event.position.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}
