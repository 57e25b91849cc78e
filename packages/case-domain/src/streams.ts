/**
 * The streams the domain decides on, one per case and one per joint meeting, named after the
 * entity's id. Every service, the hub and the verifier find them by these names, so they are
 * made here and nowhere else.
 */
export const CASE_STREAM_PREFIX = 'case-';
export const MEETING_STREAM_PREFIX = 'meeting-';

export const caseStream = (caseId: string): string => `${CASE_STREAM_PREFIX}${caseId}`;
export const meetingStream = (meetingId: string): string => `${MEETING_STREAM_PREFIX}${meetingId}`;

/** The id of the case a stream holds, or undefined for a stream that is not a case's. */
export const caseIdOfStream = (stream: string): string | undefined =>
  stream.startsWith(CASE_STREAM_PREFIX) ? stream.slice(CASE_STREAM_PREFIX.length) : undefined;
