import { encryptedFieldSchema } from '@hub/contracts';

/** What the hub shows in place of a personal field: it holds no vault key, so it never has the clear text. */
export const MASKED = '***';

/**
 * Event data as the hub may show it to anyone: every encrypted personal field (the vault's
 * AES-GCM or SM4 envelope) becomes `***`. The hub cannot decrypt; this also keeps ciphertext, which is
 * useless to a reader and would outlive an erasure in screenshots and exports, off the page.
 */
export function maskData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskData);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ((record['alg'] === 'A256GCM' || record['alg'] === 'SM4-CTR-HMAC-SM3') && encryptedFieldSchema.safeParse(value).success) return MASKED;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) out[key] = maskData(v);
  return out;
}
