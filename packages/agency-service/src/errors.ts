import { HttpError, type FieldIssue } from '@hub/service-kit';

/**
 * Rule 1 refused before or inside the decider: the agency may not record this act at all. That
 * is a question of who is asking, not of the case's state, hence 403 — with the rule id kept so
 * a client can tell it apart from a missing role.
 */
export class RuleForbidden extends HttpError {
  readonly status = 403;
  readonly slug = 'forbidden';
  constructor(readonly ruleId: string, detail: string, detailEn: string) {
    super(detail, detailEn, { ruleId });
  }
}

/**
 * A request whose body alone breaks a named rule (a joint meeting with one agency): 400 like any
 * invalid body, with the field in `errors`, and the rule id so a client can say which rule.
 */
export class RuleBadRequest extends HttpError {
  readonly status = 400;
  readonly slug = 'bad-request';
  constructor(readonly ruleId: string, detail: string, detailEn: string, errors: readonly FieldIssue[]) {
    super(detail, detailEn, { ruleId, errors });
  }
}
