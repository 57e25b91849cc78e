/** Sends a fuzz request to a running service and reads the answer whole. */
import type { AgencyId } from '@hub/contracts';
import type { FuzzRequest } from './request.js';
import type { FuzzSystem, ServiceName } from './system.js';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function authorization(sys: FuzzSystem, service: ServiceName, r: FuzzRequest): Promise<string | undefined> {
  const c = r.credentials;
  if (c.kind === 'none') return undefined;
  if (c.kind === 'forged') return c.header;
  const agency: AgencyId = c.kind === 'own' ? (service === 'hub' ? 'union' : service) : c.agency;
  // Signing out revokes the session it is sent with: give it one of its own, not the shared one.
  const fresh = r.method === 'DELETE' && r.url.startsWith('/api/session');
  return `Bearer ${fresh ? await sys.freshToken(agency, c.role) : await sys.token(agency, c.role)}`;
}

/**
 * The answer, or null when the client itself refused to send it (a header fetch will not encode).
 * `via: 'gateway'` sends an agency's request through the hub's pass-through
 * (`<hub>/agencies/<agency>/api/…`), with the same credentials, as the console does.
 */
export async function send(sys: FuzzSystem, service: ServiceName, r: FuzzRequest, via: 'direct' | 'gateway' = 'direct'): Promise<Answer | null> {
  const headers = new Headers();
  try {
    for (const [k, v] of Object.entries(r.headers)) headers.set(k, v);
    const auth = await authorization(sys, service, r);
    if (auth !== undefined) headers.set('authorization', auth);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  let res: Response;
  try {
    const base = via === 'gateway' && service !== 'hub' ? `${sys.urls.hub}/agencies/${service}` : sys.urls[service];
    res = await fetch(base + r.url, { method: r.method, headers, ...(r.body !== undefined && r.method !== 'GET' ? { body: r.body } : {}) });
  } catch (error) {
    // Only a request undici will not put on the wire; a refused or dropped connection is a finding.
    if ((error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_INVALID_ARG') return null;
    throw error;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}
