/** What an audit check found. A `failure` makes the case's verification fail; a `notice` is for the auditor to read. */
export interface AuditProblem {
  check: 'chain' | 'signatures' | 'witnesses';
  severity: 'failure' | 'notice';
  kind: string;
  /** The case stream revision concerned (decimal), when there is one. */
  revision?: string;
  agency?: string;
  /** Where a witness record was found, for witness problems. */
  source?: 'store' | 'agency-copy';
  detail: string;
  detailEn: string;
}

export function problem(
  check: AuditProblem['check'], kind: string, detail: string, detailEn: string,
  at: { revision?: bigint | string; agency?: string; source?: 'store' | 'agency-copy'; severity?: AuditProblem['severity'] } = {},
): AuditProblem {
  return {
    check, severity: at.severity ?? 'failure', kind,
    ...(at.revision !== undefined ? { revision: at.revision.toString() } : {}),
    ...(at.agency !== undefined ? { agency: at.agency } : {}),
    ...(at.source !== undefined ? { source: at.source } : {}),
    detail, detailEn,
  };
}

export const failures = (problems: readonly AuditProblem[]): AuditProblem[] => problems.filter((p) => p.severity === 'failure');
