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
 * An agency's Ed25519 public key. `publicKey` is the raw 32-byte key in base64url without
 * padding — the `x` of an OKP JWK, so it imports with any JOSE library as-is.
 */
export const agencyKeyPublished = defineEvent({
  type: 'AgencyKeyPublished',
  version: 1,
  data: z.strictObject(
    {
      agency: agencyIdSchema,
      purpose: z.enum(['events', 'sessions'], { error: bilingual('用途须为 events 或 sessions', "purpose must be 'events' or 'sessions'") }),
      algorithm: z.literal('Ed25519', { error: bilingual('算法须为 Ed25519', "algorithm must be 'Ed25519'") }),
      keyId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: bilingual('keyId 须为 1–64 个字母数字或 ._-', 'keyId must be 1–64 of A–Z a–z 0–9 . _ -') }),
      publicKey: z
        .base64url({ error: bilingual('公钥须为 base64url', 'publicKey must be base64url') })
        .length(43, { error: bilingual('Ed25519 公钥须为 32 字节（43 个 base64url 字符）', 'an Ed25519 public key is 32 bytes (43 base64url characters)') }),
    },
    strictError,
  ),
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
