import type { HubContext } from '../context.js';
import { checkChain } from './chain.js';
import { gatherMaterial, type AuditMaterial } from './material.js';
import { failures, untrustedKeyNotice } from './problems.js';
import { checkSignatures } from './signatures.js';
import type { Verification } from './wire.js';
import { checkWitnesses } from './witness-check.js';

export type { Verification };

/** Runs the three checks over one snapshot, and lists the published keys nothing trusted vouches for as notices. */
export function verifyMaterial(material: AuditMaterial, now: Date): Verification {
  const { stream, events } = material;
  const chain = checkChain(stream, events);
  const signatures = checkSignatures(events, material.signatures, material.keys, material.refusedKeys);
  const witnesses = checkWitnesses(stream, events, material.witnesses, material.copies, material.keys);
  const keys = material.refusedKeys.map(untrustedKeyNotice);
  const problems = [...chain.problems, ...signatures.problems, ...witnesses.problems, ...keys];
  return {
    ok: failures(problems).length === 0,
    caseId: material.caseId,
    stream,
    verifiedAt: now.toISOString(),
    checks: { chain: chain.check, signatures: signatures.check, witnesses: witnesses.check },
    problems,
  };
}

/** Reads the case's audit snapshot and verifies it; the snapshot comes back too, for an export. */
export async function verifyCase(ctx: HubContext, caseId: string): Promise<{ material: AuditMaterial; verification: Verification }> {
  const material = await gatherMaterial(ctx, caseId);
  const verification = verifyMaterial(material, ctx.clock());
  if (!verification.ok) {
    ctx.logger.warn({ caseId, failures: failures(verification.problems).map((p) => `${p.check}:${p.kind}@${p.revision ?? '-'}`) }, 'case verification failed');
  }
  return { material, verification };
}
