import { z } from 'zod';
import { bilingual, strictError, textSchema, uuidSchema } from './values/common.js';
import { mobileSchema } from './values/mobile.js';
import { residentIdSchema } from './values/residentId.js';

/** Standard base64 (with padding) of exactly `bytes` bytes. */
function base64Of(bytes: number, what: string) {
  return z
    .base64({ error: bilingual(`${what}须为 base64`, `${what} must be base64`) })
    .length(4 * Math.ceil(bytes / 3), { error: bilingual(`${what}须为 ${bytes} 字节`, `${what} must be ${bytes} bytes`) });
}

const ctSchema = z.base64({ error: bilingual('ct 须为 base64', 'ct must be base64') }).min(1, { error: bilingual('ct 不能为空', 'ct must not be empty') });

/**
 * One personal field encrypted under the worker's data key: AES-256-GCM (suite intl) or, since
 * issue 15.6, SM4-CTR with an HMAC-SM3 tag (suite gm; service-kit crypto-suite.ts). Only this
 * envelope enters the hashed event body, so erasing the key (crypto-shredding) erases the data
 * without breaking the hash chain. The AES envelope is unchanged, so every recorded event still parses.
 */
export const encryptedFieldSchema = z.union(
  [
    z.strictObject(
      {
        v: z.literal(1, { error: bilingual('密文格式版本须为 1', 'envelope version must be 1') }),
        alg: z.literal('A256GCM', { error: bilingual('算法须为 A256GCM 或 SM4-CTR-HMAC-SM3', "alg must be 'A256GCM' or 'SM4-CTR-HMAC-SM3'") }),
        iv: base64Of(12, 'iv'),
        ct: ctSchema,
        tag: base64Of(16, 'tag'),
      },
      strictError,
    ),
    z.strictObject(
      {
        v: z.literal(1, { error: bilingual('密文格式版本须为 1', 'envelope version must be 1') }),
        alg: z.literal('SM4-CTR-HMAC-SM3', { error: bilingual('算法须为 A256GCM 或 SM4-CTR-HMAC-SM3', "alg must be 'A256GCM' or 'SM4-CTR-HMAC-SM3'") }),
        iv: base64Of(16, 'iv'),
        ct: ctSchema,
        tag: base64Of(32, 'tag'),
      },
      strictError,
    ),
  ],
  { error: bilingual('须为加密字段（A256GCM 或 SM4-CTR-HMAC-SM3）', 'must be an encrypted field (A256GCM or SM4-CTR-HMAC-SM3)') },
);
export type EncryptedField = z.output<typeof encryptedFieldSchema>;

/** A worker as event data carries them: an id in the clear, everything personal encrypted. */
export const workerRefSchema = z.strictObject(
  {
    workerId: uuidSchema,
    name: encryptedFieldSchema,
    idNumber: encryptedFieldSchema.optional(),
    phone: encryptedFieldSchema.optional(),
  },
  strictError,
);
export type WorkerRef = z.output<typeof workerRefSchema>;

export const personNameSchema = textSchema(50);

/** A worker as a client posts them; the service encrypts this into a WorkerRef before deciding. */
export const workerIdentityInputSchema = z.strictObject(
  {
    name: personNameSchema,
    idNumber: residentIdSchema.optional(),
    phone: mobileSchema.optional(),
  },
  strictError,
);
export type WorkerIdentityInput = z.output<typeof workerIdentityInputSchema>;

/** The personal fields a WorkerRef can carry; erasure names which were destroyed. */
export const personalFields = ['name', 'idNumber', 'phone'] as const;
export type PersonalField = (typeof personalFields)[number];
