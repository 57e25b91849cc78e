/**
 * One way to call the hub (`/api/…`) and, through it, the user's agency service
 * (`/agencies/<agency>/api/…`). Every failure arrives as an ApiError carrying the server's
 * problem document: its zh/en detail, the rule id of a refusal, and the fields of a bad body.
 */
import type { AgencyId } from '@hub/contracts';
import type { Label } from './i18n.tsx';

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export interface Problem {
  readonly status: number;
  readonly type?: string;
  readonly title?: string;
  readonly detail: string;
  readonly detailEn: string;
  readonly ruleId?: string;
  readonly errors?: readonly FieldIssue[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detailEn);
  }
  get status(): number {
    return this.problem.status;
  }
  get label(): Label {
    return { zh: this.problem.detail, en: this.problem.detailEn };
  }
  /** `urn:hub:problem:session-expired` → `session-expired`. */
  get slug(): string {
    return this.problem.type?.split(':').pop() ?? '';
  }
}

/**
 * Set by the session: the bearer token, and what to do when the server says it is no longer good
 * (`token`, when known, is the one the refused request carried: a refusal of an older session
 * than the tab's current one changes nothing).
 */
export const auth: { token: string | null; onUnauthorized: (error: ApiError, token?: string | null) => void } = {
  token: null,
  onUnauthorized: () => {},
};

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Send no token (sign-in) and do not treat a 401 as a lost session. */
  readonly anonymous?: boolean;
  /** Send this token rather than the tab's (signing out, after the tab has already let go of it). */
  readonly token?: string;
}

export async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (typeof body.detail === 'string') {
      return { ...body, status: response.status, detail: body.detail, detailEn: typeof body.detailEn === 'string' ? body.detailEn : body.detail };
    }
  } catch {
    // not JSON: fall through
  }
  return {
    status: response.status,
    detail: `服务器返回错误（${response.status}）`,
    detailEn: `The server answered ${response.status} ${response.statusText}`.trim(),
  };
}

/**
 * A fresh Idempotency-Key. getRandomValues, unlike randomUUID, also works on a page served over
 * plain http inside an agency's network (not a secure context).
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An act recorded at an agency service (not signing in): sent with a key, so it may be sent again. */
const isAct = (path: string, method: string): boolean => method === 'POST' && path.startsWith('/agencies/') && !path.endsWith('/api/session');

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = options.anonymous ? null : (options.token ?? auth.token);
  if (token) headers['authorization'] = `Bearer ${token}`;
  const act = isAct(path, method);
  if (act) headers['idempotency-key'] = newIdempotencyKey();
  let response: Response | undefined;
  for (let attempt = 1; !response; attempt += 1) {
    try {
      response = await fetch(path, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      // The connection broke, perhaps after the service had recorded the act: sent once more with
      // the same key, the service answers with what it recorded the first time, never twice.
      if (act && attempt === 1) continue;
      throw new ApiError({ status: 0, detail: '无法连接服务器，请检查网络后重试', detailEn: 'Cannot reach the server; check the network and try again' });
    }
  }
  if (!response.ok) {
    const error = new ApiError(await problemOf(response));
    if (response.status === 401 && !options.anonymous) auth.onUnauthorized(error, token);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The hub's own API. */
export const hub = <T>(path: string, options?: RequestOptions) => request<T>(`/api${path}`, options);

/** An agency service's API, through the hub. */
export const agencyApi = <T>(agency: AgencyId, path: string, options?: RequestOptions) => request<T>(`/agencies/${agency}/api${path}`, options);

/** A URL with the query's defined values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
