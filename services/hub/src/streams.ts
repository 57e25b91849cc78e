import { caseIdOfStream, CASE_STREAM_PREFIX, MEETING_STREAM_PREFIX, meetingStream } from '@hub/case-domain';

/**
 * The stream families the hub shows people. Everything else on the store (signatures, published
 * keys, witness records) is proof material: the audit reads it, timelines do not show it.
 */
export const WARNING_STREAM_PREFIX = 'warning-';

export type SubjectKind = 'case' | 'meeting' | 'warning';

export interface Subject {
  kind: SubjectKind;
  /** The case, meeting or warning id the stream is named after. */
  id: string;
}

export const warningStream = (warningId: string): string => `${WARNING_STREAM_PREFIX}${warningId}`;

export function subjectOf(stream: string): Subject | undefined {
  const caseId = caseIdOfStream(stream);
  if (caseId !== undefined) return { kind: 'case', id: caseId };
  if (stream.startsWith(MEETING_STREAM_PREFIX)) return { kind: 'meeting', id: stream.slice(MEETING_STREAM_PREFIX.length) };
  if (stream.startsWith(WARNING_STREAM_PREFIX)) return { kind: 'warning', id: stream.slice(WARNING_STREAM_PREFIX.length) };
  return undefined;
}

export { CASE_STREAM_PREFIX, MEETING_STREAM_PREFIX, meetingStream };
