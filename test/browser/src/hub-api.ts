/** Reads from the hub's API for a test's set-up and checks (what the page should show). */
export async function hubGet<T>(hubUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(hubUrl + path, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface CaseEntry {
  caseId: string;
  /** 案号; null for a case opened before numbering. */
  caseNumber: string | null;
  status: 'open' | 'closed';
  summary: string;
  agencies: string[];
  openLeads: number;
  openRectificationItems: number;
  employers: { name: string; uscc: string }[];
}

export async function cases(hubUrl: string, token: string, query = ''): Promise<CaseEntry[]> {
  return (await hubGet<{ cases: CaseEntry[] }>(hubUrl, token, `/api/cases?limit=200${query}`)).cases;
}

/** Logs in through an agency service's API (set-up only; the browser signs in through the form). */
export async function apiLogin(agencyUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${agencyUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * Opens a union-style case at an agency service through its API (set-up only), as `authorization`
 * (`Bearer <session>` or `ApiKey <key>`): a walk-in wage case of 西湖区 unless `body` says otherwise.
 */
export async function openCaseByApi(agencyUrl: string, authorization: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${agencyUrl}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      channel: 'walk_in',
      category: 'wage_arrears',
      employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
      workers: [],
      region: '330106',
      ...body,
    }),
  });
  if (res.status !== 201) throw new Error(`open a case: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { caseId: string }).caseId;
}
