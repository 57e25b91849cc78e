/**
 * A small typed HTTP client for one agency service: real sockets, a Bearer session.
 * Bodies are typed by the command catalog, so a scenario that drifts from the contracts does
 * not compile. It keeps the client contract of the README: a pool whose idle connections close
 * before the service's keep-alive does, and an Idempotency-Key on every POST, so a POST whose
 * reused connection fails before an answer is sent once more, safely.
 */
import { randomUUID } from 'node:crypto';
import type { AgencyId, CommandBody, commandDefinitions, EventDataOf } from '@hub/contracts';
import { keepAliveAgent, sendHttp } from '@hub/service-kit';
import { generate } from 'otplib';

type Definition = (typeof commandDefinitions)[number];
export type CommandPathName = Exclude<Definition['path'], 'open-case'>;
/** The body a client POSTs to `/api/cases/{caseId}/{path}`. */
export type BodyFor<P extends Definition['path']> = CommandBody<Extract<Definition, { path: P }>['name']>;

/** What the meeting and warning routes take: the event's data without the ids the service assigns. */
export type ScheduleMeetingBody = Omit<EventDataOf<'JointMeetingScheduled'>, 'meetingId' | 'hostAgency'>;
export type HoldMeetingBody = Omit<EventDataOf<'JointMeetingHeld'>, 'meetingId'>;
export type RaiseWarningBody = Omit<EventDataOf<'EmployerWarningRaised'>, 'warningId'>;

/** What became of one decision of a held meeting on its case. */
export interface DecisionOutcome {
  caseId: string;
  itemId: string;
  decision: 'extend' | 'escalate' | 'close';
  applied: boolean;
  alreadyApplied: boolean;
  problem: Problem | null;
}

/** An RFC 7807 problem document as the services write them. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  detailEn?: string;
  ruleId?: string;
  [key: string]: unknown;
}

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly request: string,
  ) {
    super(`${request} → ${status} ${problem.ruleId ?? problem.title ?? ''} ${problem.detailEn ?? problem.detail ?? ''}`.trim());
  }
}

export interface Appended {
  caseId: string;
  revision: string | number;
  position: string | number;
  [key: string]: unknown;
}

export interface RawResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * Second factors this process set up through the API (a role that needs one, TOTP_REQUIRED_ROLES):
 * the secret, the last 30-second step a code was made for, and the recovery codes left; by the
 * service's URL and the username. So scripted sign-ins (the demo loader, scenarios) go through
 * the same enrolment and codes a person does.
 */
const secondFactors = new Map<string, { secret: string; lastStep: number; recoveryCodes: string[] }>();

/** Whether this process set up the user's second factor (the demo hands those back to people: `scripts/start.ts`). */
export function secondFactorSetUpHere(baseUrl: string, username: string): boolean {
  return secondFactors.has(`${baseUrl} ${username}`);
}

/** One pool for every client of a process, as a browser or an integration holds. */
const agent = keepAliveAgent();

export class AgencyClient {
  private token: string | null = null;
  /** A machine client's key (`Authorization: ApiKey …`), instead of a person's session. */
  private apiKey: string | null = null;

  constructor(
    readonly agency: AgencyId,
    readonly baseUrl: string,
  ) {}

  /** The session token of the user logged in, for the hub (which accepts every agency's sessions). */
  get sessionToken(): string {
    if (!this.token) throw new Error(`${this.agency}: not logged in`);
    return this.token;
  }

  /**
   * Logs in and keeps the session token for later calls. A role that needs a second factor sets
   * one up at the first sign-in (as the console walks a person through it) and gives a code made
   * for `clock`'s time after (the services' clock: the demo pins it), or a recovery code when a
   * code for that 30-second step was used already.
   */
  async login(username: string, password: string, clock: () => Date = () => new Date()): Promise<string> {
    const body = { username, password };
    const key = `${this.baseUrl} ${username}`;
    const first = await this.raw<Problem & { token?: string }>('POST', '/api/session', body);
    const slug = first.body?.type?.split(':').pop();
    let token: string;
    if (first.status === 201 && first.body.token) {
      token = first.body.token;
    } else if (first.status === 403 && slug === 'second-factor-enrolment-required') {
      const { secret } = await this.call<{ secret: string }>('POST', '/api/session/second-factor/enrolment', body);
      const epoch = Math.floor(clock().getTime() / 1000);
      const confirmed = await this.call<{ token: string; recoveryCodes: string[] }>('POST', '/api/session/second-factor', {
        ...body,
        code: await generate({ secret, epoch }),
      });
      secondFactors.set(key, { secret, lastStep: Math.floor(epoch / 30), recoveryCodes: confirmed.recoveryCodes });
      token = confirmed.token;
    } else if (first.status === 401 && slug === 'second-factor-required' && secondFactors.has(key)) {
      const factor = secondFactors.get(key)!;
      const epoch = Math.floor(clock().getTime() / 1000);
      const step = Math.floor(epoch / 30);
      const given = step > factor.lastStep ? { code: await generate({ secret: factor.secret, epoch }) } : { recoveryCode: factor.recoveryCodes.shift() };
      factor.lastStep = Math.max(step, factor.lastStep);
      token = (await this.call<{ token: string }>('POST', '/api/session', { ...body, ...given })).token;
    } else {
      throw new HttpProblem(first.status, first.body ?? { status: first.status }, `${this.agency} POST /api/session`);
    }
    this.token = token;
    return token;
  }

  /** A copy of this client acting as a service account of the same agency (a 12351 hotline platform), by its API key. */
  withApiKey(apiKey: string): AgencyClient {
    const machine = new AgencyClient(this.agency, this.baseUrl);
    machine.apiKey = apiKey;
    return machine;
  }

  private authorization(): string | null {
    return this.apiKey ? `ApiKey ${this.apiKey}` : this.token ? `Bearer ${this.token}` : null;
  }

  /** A copy of this client acting as another user of the same agency. */
  async as(username: string, password: string): Promise<AgencyClient> {
    const other = new AgencyClient(this.agency, this.baseUrl);
    await other.login(username, password);
    return other;
  }

  openCase(body: BodyFor<'open-case'>): Promise<Appended> {
    return this.call<Appended>('POST', '/api/cases', body);
  }

  command<P extends CommandPathName>(caseId: string, path: P, body: BodyFor<P>): Promise<Appended> {
    return this.call<Appended>('POST', `/api/cases/${encodeURIComponent(caseId)}/${path}`, body);
  }

  /** Attaches a file to the case (or to an act of it): the bytes as the body, what they are in the query. */
  async attachDocument(
    caseId: string,
    file: Buffer,
    query: { fileName: string; kind?: string; actEventId?: string; workerId?: string },
  ): Promise<{ documentId: string; sha256: string }> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json',
      'content-type': 'application/octet-stream',
      'idempotency-key': randomUUID(),
    };
    const authorization = this.authorization();
    if (authorization) headers['authorization'] = authorization;
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    const path = `/api/cases/${encodeURIComponent(caseId)}/documents?${params}`;
    const response = await sendHttp(new URL(path, this.baseUrl), { method: 'POST', headers, agent, body: file });
    const body = response.text ? (JSON.parse(response.text) as unknown) : undefined;
    if (response.status >= 300) throw new HttpProblem(response.status, (body ?? { status: response.status }) as Problem, `${this.agency} POST ${path}`);
    return body as { documentId: string; sha256: string };
  }

  getCase<T = CaseView>(caseId: string): Promise<T> {
    return this.call<T>('GET', `/api/cases/${encodeURIComponent(caseId)}`);
  }

  inbox<T = unknown>(): Promise<T> {
    return this.call<T>('GET', '/api/inbox');
  }

  /** Needs the secretary role. */
  scheduleMeeting(body: ScheduleMeetingBody): Promise<{ meetingId: string; revision: string; position: string }> {
    return this.call('POST', '/api/meetings', body);
  }

  /** Needs the secretary role of an attending agency; each decision is then recorded on its case. */
  holdMeeting(meetingId: string, body: HoldMeetingBody): Promise<{ meetingId: string; revision: string; position: string; decisions: DecisionOutcome[] }> {
    return this.call('POST', `/api/meetings/${encodeURIComponent(meetingId)}/hold`, body);
  }

  getMeeting<T = { [key: string]: unknown }>(meetingId: string): Promise<T> {
    return this.call<T>('GET', `/api/meetings/${encodeURIComponent(meetingId)}`);
  }

  /** A union or HR bureau liaison. */
  raiseWarning(body: RaiseWarningBody): Promise<{ warningId: string; revision: string; position: string }> {
    return this.call('POST', '/api/warnings', body);
  }

  resolveWarning(warningId: string, resolution: string): Promise<{ warningId: string; revision: string; position: string }> {
    return this.call('POST', `/api/warnings/${encodeURIComponent(warningId)}/resolve`, { resolution });
  }

  health(): Promise<RawResponse> {
    return this.raw('GET', '/health');
  }

  /** Throws HttpProblem on any non-2xx answer. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.raw<T | Problem>(method, path, body);
    if (response.status >= 300) {
      const problem = (typeof response.body === 'object' && response.body !== null ? response.body : { status: response.status }) as Problem;
      throw new HttpProblem(response.status, problem, `${this.agency} ${method} ${path}`);
    }
    return response.body as T;
  }

  /** The answer as it came, whatever the status: for scenarios that expect a refusal. */
  async raw<T = unknown>(method: string, path: string, body?: unknown): Promise<RawResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const authorization = this.authorization();
    if (authorization) headers['authorization'] = authorization;
    if (method === 'POST') headers['idempotency-key'] = randomUUID();
    const response = await sendHttp(new URL(path, this.baseUrl), { method, headers, agent, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const { text } = response;
    let parsed: unknown = text;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, body: parsed as T };
  }
}

/** What `GET /api/cases/{id}` answers, as far as scenarios look into it. */
export interface CaseView {
  [key: string]: unknown;
}
