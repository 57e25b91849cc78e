import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { EventStoreError } from '@hub/event-store';
import { BadRequest, Conflict, HttpError, NotFound, PayloadTooLarge, ServiceUnavailable, type FieldIssue } from './errors.js';
import type { Logger } from './logger.js';
import type { Problem } from './wire.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export type { Problem };

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problemOf(status: number, slug: string, detail: string, detailEn: string, extensions: Record<string, unknown> = {}): Problem {
  return { ...extensions, type: `urn:hub:problem:${slug}`, title: TITLES[status] ?? 'Error', status, detail, detailEn };
}

/**
 * A rule violation of @hub/case-domain (its RuleViolation and NotOwnAct), recognised by shape so
 * service-kit need not depend on the domain: a string `ruleId`, both messages, and the status the
 * rule gives it — 409 for the state, 403 for who asks, 400 for the request body (`field`).
 */
interface RuleViolationLike {
  ruleId: string;
  status: 400 | 403 | 409;
  message: string;
  messageEn: string;
  field?: unknown;
}

function isRuleViolation(error: unknown): error is RuleViolationLike {
  if (!(error instanceof Error)) return false;
  const e = error as Error & Record<string, unknown>;
  return typeof e['ruleId'] === 'string' && typeof e['messageEn'] === 'string' && (e['status'] === 400 || e['status'] === 403 || e['status'] === 409);
}

function ruleProblem(error: RuleViolationLike): Problem {
  const { ruleId, message: zh, messageEn: en } = error;
  if (error.status === 409) return fromHttpError(new Conflict(ruleId, zh, en));
  if (error.status === 403) return problemOf(403, 'forbidden', zh, en, { ruleId });
  const path = typeof error.field === 'string' ? error.field : '';
  return problemOf(400, 'bad-request', zh, en, { ruleId, errors: [{ path, message: `${zh} · ${en}` }] });
}

/** zod 4 issues, recognised by shape so a second copy of zod in the tree maps the same. */
function zodIssues(error: unknown): FieldIssue[] | null {
  if (!(error instanceof Error) || error.name !== 'ZodError') return null;
  const issues = (error as Error & { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return null;
  return issues.map((issue: { path?: unknown; message?: unknown }) => ({
    path: Array.isArray(issue.path) ? issue.path.map(String).join('.') : '',
    message: typeof issue.message === 'string' ? issue.message : 'invalid',
  }));
}

function storeProblem(error: EventStoreError): Problem | null {
  switch (error.code) {
    case 'wrong_expected_revision':
      return fromHttpError(new Conflict('concurrency', '记录已被他人更新，请刷新后重试', 'Someone else changed this record meanwhile; reload and try again'));
    case 'duplicate_event_id':
      return fromHttpError(new Conflict('duplicate_event', '该事件编号已被使用', 'This event id is already used'));
    case 'event_too_large':
      return problemOf(413, 'payload-too-large', '记录内容过大', 'The record is too large');
    case 'invalid_stream_name':
    case 'invalid_event':
    case 'invalid_read_options':
      return problemOf(400, 'bad-request', '请求内容不符合要求', `The request is not valid: ${error.message}`);
    case 'store_closed':
      return fromHttpError(new ServiceUnavailable());
    case 'stream_deleted':
      return problemOf(410, 'stream-deleted', '该记录已在数据存储中删除，无法继续办理', 'This record was deleted in the event store and cannot be continued');
    case 'store_unavailable':
      // The outcome of a command is unknown: the same request with the same Idempotency-Key is safe.
      return {
        ...problemOf(
          503,
          'store-unavailable',
          '数据存储暂时无法连接，请稍后用同一请求重试',
          'The event store cannot be reached right now; send the same request again shortly',
        ),
        retryAfter: 1,
      };
    default:
      return null;
  }
}

/**
 * Errors from express and body-parser carry a 4xx `status`: a malformed body, an undecodable URL
 * parameter (a URIError without `expose`), an unsupported charset. Their messages may echo input,
 * so only the status is kept.
 */
function clientHttpError(error: unknown): Problem | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { type?: unknown; status?: unknown };
  if (e.type === 'entity.parse.failed') return problemOf(400, 'malformed-json', '请求体不是有效的 JSON', 'The request body is not valid JSON');
  if (e.type === 'entity.too.large') return fromHttpError(new PayloadTooLarge());
  const { status } = e;
  if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500) {
    return problemOf(status, 'bad-request', '请求无法处理', `The request cannot be processed (${typeof e.type === 'string' ? e.type : status})`);
  }
  return null;
}

/** Maps any thrown value to a problem document; `null` means "unexpected": a 500 to log. */
export function problemFor(error: unknown): Problem | null {
  if (error instanceof HttpError) return fromHttpError(error);
  const issues = zodIssues(error);
  if (issues) return fromHttpError(new BadRequest(undefined, undefined, issues));
  if (isRuleViolation(error)) return ruleProblem(error);
  if (error instanceof EventStoreError) return storeProblem(error);
  return clientHttpError(error);
}

export function fromHttpError(error: HttpError): Problem {
  return problemOf(error.status, error.slug, error.message, error.detailEn, error.extensions);
}

export function sendProblem(req: Request, res: Response, problem: Problem): void {
  const body: Problem = { ...problem, instance: req.originalUrl.split('?')[0] ?? '/' };
  if (req.requestId) body['requestId'] = req.requestId;
  // RFC 9110 requires a challenge with every 401.
  if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="labor-hub", ApiKey realm="labor-hub"');
  // A refusal for now (423 locked, 429 too many) says when to ask again, in whole seconds.
  if (typeof problem['retryAfter'] === 'number') res.setHeader('Retry-After', String(Math.max(1, Math.ceil(problem['retryAfter']))));
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** The last handler before the error middleware: unknown routes get a 404 problem. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(req, res, fromHttpError(new NotFound('没有这个地址', `No route for ${req.method} ${req.path}`)));
};

/**
 * The error middleware, mounted last. Unexpected errors become a generic 500 and are logged by
 * name, message, code and stack only: never with the request body, which may hold personal data.
 */
export function problemMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const problem = problemFor(error);
    if (problem) {
      sendProblem(req, res, problem);
      return;
    }
    const e = error instanceof Error ? error : new Error(String(error));
    const code = (e as { code?: unknown }).code;
    (req.log ?? logger).error(
      { err: { type: e.name, message: e.message, stack: e.stack, ...(typeof code === 'string' ? { code } : {}) }, method: req.method, path: req.path },
      'unexpected error',
    );
    sendProblem(req, res, problemOf(500, 'internal', '服务器内部错误，请稍后再试', 'Internal server error; please try again later'));
  };
}
