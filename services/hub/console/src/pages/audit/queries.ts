/** The hub's audit routes, as the page calls them. */
import type { CaseAnswer } from '@hub/hub-service/wire';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, auth, hub, withQuery, type Problem } from '../../app/api.ts';
import type { HistoryAnswer, ReplayAnswer } from './types.ts';

export function useHistory(caseId: string) {
  return useQuery({
    queryKey: ['audit', caseId, 'history'],
    queryFn: ({ signal }) => hub<HistoryAnswer>(`/cases/${caseId}/history`, { signal }),
  });
}

/** The state right after `revision`; a revision's state never changes, so it is kept. */
export function useReplay(caseId: string, revision: string | null) {
  return useQuery({
    queryKey: ['audit', caseId, 'state', revision],
    queryFn: ({ signal }) => hub<ReplayAnswer>(withQuery(`/cases/${caseId}/state`, { revision }), { signal }),
    enabled: revision !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/** What the case is about (its summary), from the case directory; only for the page's subtitle. */
export function useCaseSummary(caseId: string) {
  return useQuery({
    queryKey: ['cases', caseId, 'entry'],
    queryFn: ({ signal }) => hub<CaseAnswer>(`/cases/${caseId}`, { signal }),
    retry: false,
  });
}

// ---- Files: the export needs the bearer token, so it is fetched, not linked. ----

async function failure(response: Response): Promise<ApiError> {
  let problem: Problem = {
    status: response.status,
    detail: `服务器返回错误（${response.status}）`,
    detailEn: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (typeof body.detail === 'string') problem = { ...body, status: response.status, detail: body.detail, detailEn: body.detailEn ?? body.detail };
  } catch {
    // not a problem document: keep the generic words
  }
  const error = new ApiError(problem);
  if (response.status === 401) auth.onUnauthorized(error);
  return error;
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (auth.token) headers.set('authorization', `Bearer ${auth.token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError({ status: 0, detail: '无法连接服务器，请检查网络后重试', detailEn: 'Cannot reach the server; check the network and try again' });
  }
  if (!response.ok) throw await failure(response);
  return response;
}

export type ExportFormat = 'json' | 'csv' | 'xlsx' | 'html';

/** `attachment; filename="case-….audit.json"` → the name; also RFC 5987 `filename*=UTF-8''…`. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) return decodeURIComponent(extended[1]);
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/** Fetches the export and hands it to the browser as a download; resolves to the file's name. */
export async function downloadExport(caseId: string, format: Exclude<ExportFormat, 'html'>): Promise<string> {
  const response = await call(withQuery(`/api/cases/${caseId}/export`, { format }));
  const blob = await response.blob();
  const filename = filenameOf(response.headers.get('content-disposition')) ?? `case-${caseId}.${format === 'json' ? 'audit.json' : format}`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy by then; a minute is generous for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}

export async function fetchPrintable(caseId: string): Promise<string> {
  return (await call(withQuery(`/api/cases/${caseId}/export`, { format: 'html' }))).text();
}

/** The media type that lets the hub take exports over its general 1 MB JSON limit (see src/audit/verify-export.ts). */
export const EXPORT_MEDIA_TYPE = 'application/vnd.labor-hub-audit+json';

/** Sends the file's bytes as they are: the hub verifies what the auditor holds, not a re-encoding of it. */
export async function postExportFile<T>(file: Blob): Promise<T> {
  const response = await call('/api/audit/verify-export', {
    method: 'POST',
    headers: { 'content-type': EXPORT_MEDIA_TYPE, accept: 'application/json' },
    body: file,
  });
  return (await response.json()) as T;
}
