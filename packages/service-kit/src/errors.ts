/**
 * Errors that carry their HTTP status. Every one speaks zh-CN first (`detail`) and English second
 * (`detailEn`), as the UI does; `problem.ts` turns them into RFC 7807 documents.
 */

export interface FieldIssue {
  /** Dotted path into the input (`workers.0.name`); '' for the input as a whole. */
  path: string;
  message: string;
}

export abstract class HttpError extends Error {
  abstract readonly status: number;
  /** Short, stable slug: the problem's `type` is `urn:hub:problem:<slug>`. */
  abstract readonly slug: string;
  readonly detailEn: string;
  /** Extension members added to the problem document. */
  readonly extensions: Record<string, unknown>;

  constructor(detail: string, detailEn?: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.detailEn = detailEn ?? detail;
    this.extensions = extensions;
  }

  override get name(): string {
    return this.constructor.name;
  }
}

export class BadRequest extends HttpError {
  readonly status = 400;
  readonly slug: string = 'bad-request';
  constructor(
    detail = '请求内容不符合要求',
    detailEn = 'The request is not valid',
    readonly errors: readonly FieldIssue[] = [],
  ) {
    super(detail, detailEn, errors.length > 0 ? { errors } : {});
  }
}

export class Unauthorized extends HttpError {
  readonly status = 401;
  constructor(
    detail = '需要登录',
    detailEn = 'Authentication is required',
    /** Slug telling a client why: e.g. `session-expired` so the UI can say so and ask to log in again. */
    readonly slug: string = 'unauthorized',
  ) {
    super(detail, detailEn);
  }
}

export class Forbidden extends HttpError {
  readonly status = 403;
  readonly slug = 'forbidden';
  constructor(detail = '无权执行此操作', detailEn = 'You are not allowed to do this') {
    super(detail, detailEn);
  }
}

export class NotFound extends HttpError {
  readonly status = 404;
  readonly slug = 'not-found';
  constructor(detail = '未找到', detailEn = 'Not found') {
    super(detail, detailEn);
  }
}

export class Conflict extends HttpError {
  readonly status = 409;
  readonly slug = 'conflict';
  constructor(
    readonly ruleId: string,
    detail: string,
    detailEn?: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail, detailEn, { ruleId, ...extensions });
  }
}

/**
 * Well-formed, but this request cannot be carried out as asked (RFC 9110 §15.5.21): e.g. an
 * Idempotency-Key already used for a different request. The slug says which case it is.
 */
export class UnprocessableContent extends HttpError {
  readonly status = 422;
  constructor(
    readonly slug: string,
    detail: string,
    detailEn: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail, detailEn, extensions);
  }
}

export class PayloadTooLarge extends HttpError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
  constructor(detail = '请求内容过大', detailEn = 'The request body is too large') {
    super(detail, detailEn);
  }
}

export class ServiceUnavailable extends HttpError {
  readonly status = 503;
  readonly slug = 'service-unavailable';
  constructor(detail = '服务暂不可用，请稍后再试', detailEn = 'The service is unavailable; try again later') {
    super(detail, detailEn);
  }
}

/**
 * Refused for now, to be asked again after `retryAfterSeconds` (sent as `Retry-After`): 423 for
 * an account locked after too many failed sign-ins, 429 for too many from one address.
 */
export class TryLater extends HttpError {
  constructor(
    readonly status: 423 | 429,
    readonly slug: string,
    detail: string,
    detailEn: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail, detailEn, { retryAfter: retryAfterSeconds });
  }
}

/** The password is right, but must be changed before a session is given (first sign-in, or too old). */
/** The role needs a second factor the user has not set up yet: enrol first (POST /api/session/second-factor/enrolment). */
export class SecondFactorEnrolmentRequired extends HttpError {
  readonly status = 403;
  readonly slug = 'second-factor-enrolment-required';
}

export class PasswordChangeRequired extends HttpError {
  readonly status = 403;
  constructor(
    readonly slug: 'password-change-required' | 'password-expired',
    detail: string,
    detailEn: string,
  ) {
    super(detail, detailEn);
  }
}
