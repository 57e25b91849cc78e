/**
 * Files to and from an agency service, through the hub: an upload is the file itself as the body
 * (what it is goes in the query), with an Idempotency-Key like every act; a download needs the
 * bearer token, so it is fetched and handed to the browser as a blob.
 */
import type { AgencyId } from '@hub/contracts';
import { ApiError, auth, newIdempotencyKey, problemOf, withQuery } from './api.ts';

export async function uploadFile<T>(agency: AgencyId, path: string, file: Blob, query: Record<string, string | undefined>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(`/agencies/${agency}/api${path}`, query), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/octet-stream',
        'idempotency-key': newIdempotencyKey(),
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      },
      body: file,
    });
  } catch {
    throw new ApiError({ status: 0, detail: '无法连接服务器，请检查网络后重试', detailEn: 'Cannot reach the server; check the network and try again' });
  }
  if (!response.ok) {
    const error = new ApiError(await problemOf(response));
    if (response.status === 401) auth.onUnauthorized(error);
    throw error;
  }
  return (await response.json()) as T;
}

/** Fetches the file and saves it under `fileName` (the browser's download). */
export function downloadFile(agency: AgencyId, path: string, fileName: string): Promise<void> {
  return downloadUrl(`/agencies/${agency}/api${path}`, fileName);
}

/** Fetches any URL of the hub with the session's token and saves the answer under `fileName`. */
export async function downloadUrl(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: auth.token ? { authorization: `Bearer ${auth.token}` } : {} });
  if (!response.ok) {
    const error = new ApiError(await problemOf(response));
    if (response.status === 401) auth.onUnauthorized(error);
    throw error;
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
