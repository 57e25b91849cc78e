/** The hub reads behind the meeting pages, one cache key each, so a recorded meeting refreshes them all. */
import type { MeetingAnswer, MeetingList } from '@hub/hub-service/wire';
import { keepPreviousData, useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import { hub, withQuery } from '../../app/api.ts';
import type { MeetingStatus, RectificationList, RectificationStatus } from './types.ts';

export interface RectificationQuery {
  status?: RectificationStatus | undefined;
  agency?: string | undefined;
  employer?: string | undefined;
  overdueOnly?: boolean | undefined;
  /** open: still worked on; finished: verified or closed by a meeting. */
  phase?: 'open' | 'finished' | undefined;
  deadline?: string | undefined;
  region?: string | undefined;
  channel?: string | undefined;
  category?: string | undefined;
  handler?: string | undefined;
  sort?: string | undefined;
  dir?: 'asc' | 'desc' | undefined;
  limit: number;
  offset: number;
}

export function useRectifications(query: RectificationQuery) {
  return useQuery({
    queryKey: ['rectifications', query],
    queryFn: ({ signal }) =>
      hub<RectificationList>(withQuery('/rectifications', { ...query, overdueOnly: query.overdueOnly ? 'true' : undefined }), { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every item of each case, the agenda's cases in order. */
export function useItemsOfCases(caseIds: readonly string[]) {
  return useQueries({
    queries: caseIds.map((caseId) => ({
      queryKey: ['rectifications', { caseId }],
      queryFn: ({ signal }: { signal: AbortSignal }) => hub<RectificationList>(withQuery('/rectifications', { caseId, limit: 1000 }), { signal }),
    })),
    combine: (results) => ({
      items: results.flatMap((r) => r.data?.items ?? []),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

export function useMeetings(status: MeetingStatus | undefined) {
  return useQuery({
    queryKey: ['meetings', { status }],
    queryFn: ({ signal }) => hub<MeetingList>(withQuery('/meetings', { status, limit: 200 }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(meetingId: string) {
  return useQuery({
    queryKey: ['meeting', meetingId],
    queryFn: ({ signal }) => hub<MeetingAnswer>(`/meetings/${encodeURIComponent(meetingId)}`, { signal }),
  });
}

/** After a meeting is scheduled, held or applied: the lists, the meeting and the items all moved. */
export async function refreshAfterMeeting(client: QueryClient, meetingId?: string): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: ['rectifications'] }),
    client.invalidateQueries({ queryKey: ['meetings'] }),
    meetingId ? client.invalidateQueries({ queryKey: ['meeting', meetingId] }) : Promise.resolve(),
  ]);
}
