import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { personalFields } from '../personal.js';
import { bilingual, isoDateTimeSchema, strictError, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

/**
 * The worker's personal data was destroyed (its key shredded in the vault). The event names
 * what was erased and why, never the data itself.
 */
export const workerDataErased = defineEvent({
  type: 'WorkerDataErased',
  version: 1,
  data: z.strictObject(
    {
      workerId: uuidSchema,
      erasedBy: agencyIdSchema,
      reason: z.enum(['worker_request', 'retention_expired'], {
        error: bilingual('请选择删除原因', "reason must be 'worker_request' or 'retention_expired'"),
      }),
      fields: z.array(z.enum(personalFields)).min(1).max(personalFields.length),
    },
    strictError,
  ),
  label: { zh: '个人信息删除', en: 'Worker data erased' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.erasedBy,
});

/**
 * An agency's public key, as service-kit's publishKeys writes it (signing.ts): `publicKey` is the
 * key in base64: the raw 32 bytes of an Ed25519 key (suite intl), or 65 bytes 04 ‖ x ‖ y of an SM2
 * key (suite gm, issue 15.6); `algorithm` names which, and must agree with the length.
 * `endorsement`: the agency's previous key of the purpose vouching for this one (trust.ts).
 */
const KEY_BYTES = { Ed25519: 32, SM2: 65 } as const;
/** Bytes a (valid, padded) base64 text decodes to; no Buffer, as the console's bundle uses the contracts too. */
const base64Bytes = (text: string) => (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
export const agencyKeyPublished = defineEvent({
  type: 'AgencyKeyPublished',
  version: 1,
  data: z
    .strictObject(
      {
        agency: agencyIdSchema,
        purpose: z.enum(['events', 'sessions'], { error: bilingual('用途须为 events 或 sessions', "purpose must be 'events' or 'sessions'") }),
        algorithm: z.enum(['Ed25519', 'SM2'], { error: bilingual('算法须为 Ed25519 或 SM2', "algorithm must be 'Ed25519' or 'SM2'") }),
        keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: bilingual('keyId 须为 1–64 个字母数字或 ._-', 'keyId must be 1–64 of A–Z a–z 0–9 . _ -') }),
        publicKey: z.base64({ error: bilingual('公钥须为 base64', 'publicKey must be base64') }),
        endorsement: z.strictObject({ keyId: z.string().min(1), signature: z.base64() }, strictError).optional(),
      },
      strictError,
    )
    .refine((d) => base64Bytes(d.publicKey) === KEY_BYTES[d.algorithm], {
      error: bilingual(
        '公钥长度与算法不符（Ed25519 为 32 字节，SM2 为 65 字节）',
        'the key length does not match the algorithm (Ed25519: 32 bytes, SM2: 65 bytes)',
      ),
      path: ['publicKey'],
    }),
  label: { zh: '机构密钥公布', en: 'Agency key published' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.agency,
});

/**
 * A session was signed out (DELETE /api/session) at the agency that issued it. Recorded in that
 * agency's own `agency-<id>` stream, so whoever trusts the agency's sessions (the hub) refuses it
 * too; a revocation in another agency's stream does not count. It names the session (its `jti`)
 * and when it would have expired, never the user: the shared store keeps no more personal data
 * than it needs.
 */
export const sessionRevoked = defineEvent({
  type: 'SessionRevoked',
  version: 1,
  data: z.strictObject(
    {
      sessionId: uuidSchema,
      expiresAt: isoDateTimeSchema,
      revokedAt: isoDateTimeSchema,
    },
    strictError,
  ),
  label: { zh: '会话退出', en: 'Session revoked' },
  recordedBy: ALL_AGENCIES,
});
