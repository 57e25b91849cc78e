import { refusalText, type RefusedKey } from '@hub/service-kit';
import type { AuditProblem } from './wire.js';

export type { AuditProblem };

export function problem(
  check: AuditProblem['check'],
  kind: string,
  detail: string,
  detailEn: string,
  at: {
    revision?: bigint | string;
    agency?: string;
    source?: 'store' | 'agency-copy';
    severity?: AuditProblem['severity'];
    purpose?: 'events' | 'sessions';
    keyId?: string;
    expected?: bigint | string | null;
    found?: bigint | string | null;
  } = {},
): AuditProblem {
  return {
    check,
    severity: at.severity ?? 'failure',
    kind,
    ...(at.revision !== undefined ? { revision: at.revision.toString() } : {}),
    ...(at.agency !== undefined ? { agency: at.agency } : {}),
    ...(at.source !== undefined ? { source: at.source } : {}),
    ...(at.purpose !== undefined ? { purpose: at.purpose } : {}),
    ...(at.keyId !== undefined ? { keyId: at.keyId } : {}),
    ...(at.expected !== undefined ? { expected: at.expected === null ? null : at.expected.toString() } : {}),
    ...(at.found !== undefined ? { found: at.found === null ? null : at.found.toString() } : {}),
    detail,
    detailEn,
  };
}

/**
 * A key published on the store in an agency's name that nothing trusted vouches for: not in the
 * trust file, not endorsed by a trusted key. The checks never trust it, so it fails nothing by
 * itself (what it signed fails as `unknown-key`); but the store lets anyone publish, and a forged
 * or stray AgencyKeyPublished is exactly what an auditor must get to see.
 */
export function untrustedKeyNotice(key: RefusedKey): AuditProblem {
  const why = refusalText[key.reason];
  return problem(
    'keys',
    'untrusted-key',
    `${key.agency} 名下发布的${key.purpose === 'events' ? '事件签名' : '会话'}密钥 ${key.keyId} ${why.zh}，不受信任：请核实是谁发布的`,
    `a ${key.purpose} key ${key.keyId} published in ${key.agency}'s name ${why.en}, so it is not trusted: find out who published it`,
    { agency: key.agency, purpose: key.purpose, keyId: key.keyId, severity: 'notice' },
  );
}

export const failures = (problems: readonly AuditProblem[]): AuditProblem[] => problems.filter((p) => p.severity === 'failure');
