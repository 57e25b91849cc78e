import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import { GM_SUITE, INTL_SUITE, type CryptoSuite } from './crypto-suite.js';
import type { Logger } from './logger.js';
import { loadVaultMasterKey } from './vault.js';

/**
 * The key-encryption key (KEK): what the service's own secrets at rest (private signing keys in
 * the key ring, the vault's per-worker data keys) are encrypted under. The deployment supplies it
 * from outside DATA_DIR, so a copy of the data directory alone reveals no key:
 *
 * - `KEY_ENCRYPTION_KEY`: 32 random bytes in base64 (from a secret store), or
 * - `KEY_ENCRYPTION_KEY_FILE`: a file holding them, which must not lie under DATA_DIR;
 * - `HUB_VAULT_KEY`, the vault's master key before there was a KEK, is still accepted as one
 *   (it already wrapped the vault keys, so nothing needs re-encrypting).
 *
 * In production (`NODE_ENV=production`) a missing KEK stops the service with KeyEncryptionKeyMissing.
 * Elsewhere (the demo, development) a key file is generated under DATA_DIR, with a warning.
 */
export class KeyEncryptionKeyError extends Error {
  override readonly name = 'KeyEncryptionKeyError';
}

export const KEK_MISSING_MESSAGE =
  '缺少密钥加密密钥，生产模式下拒绝启动 no key-encryption key: in production (NODE_ENV=production) set KEY_ENCRYPTION_KEY (32 random bytes in base64, e.g. `openssl rand -base64 32`) or KEY_ENCRYPTION_KEY_FILE (a file outside DATA_DIR holding them); private keys and vault keys are stored encrypted under it';

export interface KekSource {
  env: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  /** Where the demo's generated key lives (the vault's old key file, so existing demo data still opens). */
  generatedKeyFile: string;
  logger?: Logger;
}

function decodeKey(text: string, what: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new KeyEncryptionKeyError(`${what} must be 32 bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

function isInside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function loadKeyEncryptionKey(source: KekSource): Buffer {
  const { env, dataDir, logger } = source;
  const value = env['KEY_ENCRYPTION_KEY']?.trim();
  if (value) return decodeKey(value, 'KEY_ENCRYPTION_KEY');
  const file = env['KEY_ENCRYPTION_KEY_FILE']?.trim();
  if (file) {
    if (isInside(dataDir, file))
      throw new KeyEncryptionKeyError(`KEY_ENCRYPTION_KEY_FILE (${file}) must lie outside DATA_DIR (${dataDir}): a copy of the data would carry its key`);
    if (!existsSync(file)) throw new KeyEncryptionKeyError(`KEY_ENCRYPTION_KEY_FILE: no file at ${file}`);
    return decodeKey(readFileSync(file, 'utf8'), `KEY_ENCRYPTION_KEY_FILE (${file})`);
  }
  const legacy = env['HUB_VAULT_KEY']?.trim();
  if (legacy) return decodeKey(legacy, 'HUB_VAULT_KEY');
  if (env['NODE_ENV'] === 'production') throw new KeyEncryptionKeyError(KEK_MISSING_MESSAGE);
  const key = loadVaultMasterKey({ configured: null, keyFile: source.generatedKeyFile });
  logger?.warn(
    { keyFile: source.generatedKeyFile },
    '演示模式：密钥加密密钥保存在数据目录内 demo mode: the key-encryption key is a generated file inside DATA_DIR; production must set KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE',
  );
  return key;
}

/**
 * A secret sealed under the KEK, bound to `aad`: "kek1" | iv (12) | tag (16) | ciphertext with
 * AES-256-GCM (suite intl), or "kek2" | iv (16) | HMAC-SM3 tag (32) | SM4-CTR ciphertext (suite gm).
 */
const MAGIC = { intl: Buffer.from('kek1', 'ascii'), gm: Buffer.from('kek2', 'ascii') } as const;

export function isSealed(blob: Buffer): boolean {
  return blob.length > 32 && (blob.subarray(0, 4).equals(MAGIC.intl) || blob.subarray(0, 4).equals(MAGIC.gm));
}

export function sealSecret(kek: Buffer, secret: Buffer, aad: string, suite: CryptoSuite = INTL_SUITE): Buffer {
  return Buffer.concat([MAGIC[suite.id], suite.seal(kek, secret, aad)]);
}

export function openSecret(kek: Buffer, sealed: Buffer, aad: string): Buffer {
  if (!isSealed(sealed)) throw new KeyEncryptionKeyError('not a sealed secret');
  const suite = sealed.subarray(0, 4).equals(MAGIC.gm) ? GM_SUITE : INTL_SUITE;
  try {
    return suite.open(kek, sealed.subarray(4), aad);
  } catch {
    throw new KeyEncryptionKeyError(
      '密钥加密密钥不匹配 the key-encryption key does not open the keys stored here (KEY_ENCRYPTION_KEY, KEY_ENCRYPTION_KEY_FILE or HUB_VAULT_KEY changed?)',
    );
  }
}
