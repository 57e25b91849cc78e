import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, type ServiceConfig } from './config.js';
import { keyIdOf, type AgencyKeyPair } from './keyring.js';
import { signBytes } from './signature-algorithm.js';
import { algorithmOfPublishedKey, verifySignature, type PublishedKey } from './signing.js';

/**
 * Whom the hub (and anyone verifying) trusts does not come from the shared store: the store lets
 * anyone with write access append an AgencyKeyPublished in any agency's name. Trust starts from
 * a trust file fixed at set-up, listing each agency's first keys ("anchors"), read from the
 * agencies' own key rings, never from the store. A later key counts only when the store's
 * AgencyKeyPublished carries an endorsement: a signature over the new key by a key of the same
 * agency and purpose that is already trusted. A key only the store vouches for is refused.
 */
export const TRUST_FORMAT = 'labor-hub-trust/1';
export const TRUST_FILE_NAME = 'trust.json';

/** Signed by the endorsing key; the prefix keeps it from being mistaken for any other signed text. */
const ENDORSEMENT_PREFIX = 'labor-hub/AgencyKeyEndorsed/1\n';

export interface KeyEndorsement {
  /** The already trusted key that signed. */
  keyId: string;
  /** base64 signature by the endorsing key, in its own algorithm (Ed25519 or SM2), over endorsementMessage(the new key). */
  signature: string;
}

export interface TrustFile {
  format: typeof TRUST_FORMAT;
  anchors: PublishedKey[];
}

/** What a service or the hub trusts: the anchors, and whether it also trusts the store (development only). */
export interface TrustPolicy {
  anchors: readonly PublishedKey[];
  /** TRUST_STORE_KEYS=1: for an agency and purpose without anchors, every published key counts (the old behaviour). */
  storeKeys: boolean;
  /** Where the anchors came from, for logs and messages. */
  source: string;
}

export function endorsementMessage(key: Pick<PublishedKey, 'agency' | 'purpose' | 'keyId' | 'publicKey'>): string {
  return `${ENDORSEMENT_PREFIX}${key.agency}\n${key.purpose}\n${key.keyId}\n${key.publicKey}`;
}

/** The endorsement of `key` by `by` (the agency's previous key of the same purpose). */
export function endorseKey(by: Pick<AgencyKeyPair, 'keyId' | 'privateKey'>, key: PublishedKey): KeyEndorsement {
  return { keyId: by.keyId, signature: signBytes(by.privateKey, Buffer.from(endorsementMessage(key), 'utf8')).toString('base64') };
}

const anchorSchema = z
  .object({
    agency: z.string().min(1),
    purpose: z.enum(['events', 'sessions']),
    keyId: z.string().optional(),
    /** Optional: the key's encoding says it (32 bytes Ed25519, 65 bytes SM2); when given, it must agree. */
    algorithm: z.enum(['Ed25519', 'SM2']).optional(),
    publicKey: z.string(),
  })
  .transform((k, ctx): PublishedKey => {
    const raw = Buffer.from(k.publicKey, 'base64');
    const algorithm = algorithmOfPublishedKey(k.publicKey);
    if (algorithm === null) {
      ctx.addIssue({
        code: 'custom',
        message: `the ${k.purpose} key of ${k.agency} is neither 32 bytes (Ed25519) nor 65 bytes 04 ‖ x ‖ y on the SM2 curve, in base64`,
      });
      return z.NEVER;
    }
    if (k.algorithm !== undefined && k.algorithm !== algorithm) {
      ctx.addIssue({ code: 'custom', message: `the ${k.purpose} key of ${k.agency} is an ${algorithm} key, not ${k.algorithm}` });
      return z.NEVER;
    }
    const keyId = keyIdOf(raw);
    if (k.keyId !== undefined && k.keyId !== keyId) {
      ctx.addIssue({ code: 'custom', message: `keyId ${k.keyId} of ${k.agency} does not match its key (${keyId})` });
      return z.NEVER;
    }
    return { agency: k.agency, purpose: k.purpose, keyId, publicKey: k.publicKey };
  });

const trustFileSchema = z.object({ format: z.literal(TRUST_FORMAT), anchors: z.array(anchorSchema) });

/** Parses a trust file's text; throws ConfigError naming the file and what is wrong. */
export function parseTrustFile(text: string, origin: string): TrustFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`信任文件 ${origin} 不是 JSON / the trust file ${origin} is not JSON: ${(error as Error).message}`]);
  }
  const parsed = trustFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `信任文件 ${origin} 有误 / the trust file ${origin} is wrong at ${i.path.join('.') || '(top)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** The trust file at `path`, or null when there is none. */
export function readTrustFile(path: string): TrustFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError([`无法读取信任文件 / cannot read the trust file ${path}: ${(error as Error).message}`]);
  }
  return parseTrustFile(text, path);
}

const keyOf = (k: Pick<PublishedKey, 'agency' | 'purpose' | 'keyId'>) => `${k.agency}:${k.purpose}:${k.keyId}`;

/**
 * Adds `anchors` to the trust file at `path` (creating it), keeping what it holds; returns the
 * keys that were new. Written to a temporary file and renamed, so a reader never sees half a file.
 */
export function addTrustAnchors(path: string, anchors: readonly PublishedKey[]): PublishedKey[] {
  const file = readTrustFile(path) ?? { format: TRUST_FORMAT, anchors: [] };
  const held = new Set(file.anchors.map(keyOf));
  const added = anchors.filter((k) => !held.has(keyOf(k)) && held.add(keyOf(k)));
  if (added.length === 0 && file.anchors.length > 0) return [];
  const out: TrustFile = {
    format: TRUST_FORMAT,
    anchors: [...file.anchors, ...added].map(({ agency, purpose, keyId, publicKey }) => ({ agency, purpose, keyId, publicKey })),
  };
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o644 });
  renameSync(temporary, path);
  return added;
}

/** TRUST_FILE, else DATA_DIR/trust.json. */
export function trustFilePath(config: Pick<ServiceConfig, 'dataDir' | 'trustFile'>): string {
  return config.trustFile ?? join(config.dataDir, TRUST_FILE_NAME);
}

export const TRUST_FILE_HELP = [
  '创建方法 / to create one: 每个机构服务初始化后运行 / after each agency service is initialised, run',
  '  node --conditions=source --import tsx packages/agency-service/src/cli/trust.ts add --agency <agency> --data-dir <DATA_DIR> --trust-file <TRUST_FILE>',
  '（pnpm start 首次启动时自动写入 DATA_DIR/trust.json / pnpm start writes DATA_DIR/trust.json at first start）;',
  '仅限开发：TRUST_STORE_KEYS=1 信任存储中发布的任何密钥 / development only: TRUST_STORE_KEYS=1 trusts whatever keys the store publishes',
].join('\n    ');

/**
 * The trust policy of a service's configuration: the trust file's anchors plus PUBLIC_KEYS (still
 * read, as more anchors). `required` (the hub): with no anchors at all and no TRUST_STORE_KEYS=1,
 * fail closed, saying how to make a trust file. Otherwise null when there is nothing to go on.
 */
export function loadTrustPolicy(config: ServiceConfig, options: { required: boolean }): TrustPolicy | null {
  const path = trustFilePath(config);
  const file = readTrustFile(path);
  if (config.trustFile !== null && file === null && !config.trustStoreKeys) {
    throw new ConfigError([`TRUST_FILE 指定的信任文件不存在 / TRUST_FILE names a trust file that does not exist: ${path}\n    ${TRUST_FILE_HELP}`]);
  }
  const anchors = [...(file?.anchors ?? []), ...config.publicKeys];
  if (anchors.length === 0 && !config.trustStoreKeys) {
    if (!options.required) return null;
    throw new ConfigError([
      `没有信任文件，拒绝信任事件存储中发布的密钥 / no trust file (${path}) and no PUBLIC_KEYS: refusing to trust the keys the event store publishes\n    ${TRUST_FILE_HELP}`,
    ]);
  }
  const sources = [file ? path : null, config.publicKeys.length > 0 ? 'PUBLIC_KEYS' : null, config.trustStoreKeys ? 'TRUST_STORE_KEYS=1' : null];
  return { anchors, storeKeys: config.trustStoreKeys, source: sources.filter(Boolean).join(' + ') };
}

/** A key as the store publishes it, with the endorsement it came with (if any). */
export type EndorsedKey = PublishedKey & { endorsement?: KeyEndorsement };

export type RefusalReason = 'not-endorsed' | 'endorser-untrusted' | 'bad-endorsement';
export type RefusedKey = PublishedKey & { reason: RefusalReason };

/**
 * Which published keys the anchors vouch for, through a chain of endorsements. Anchors are
 * trusted as they are; a published key is trusted once a trusted key of the same agency and
 * purpose has endorsed it (in any order the store holds them). With `storeKeys`, an agency and
 * purpose that has no anchor trusts every key published for it. Returned keys carry the
 * endorsement that made them trusted, so an export can show it to an offline verifier.
 */
export function resolveTrust(
  policy: Pick<TrustPolicy, 'anchors' | 'storeKeys'>,
  published: readonly EndorsedKey[],
): { trusted: EndorsedKey[]; refused: RefusedKey[] } {
  const trusted = new Map<string, EndorsedKey>(
    policy.anchors.map((k) => [keyOf(k), { agency: k.agency, purpose: k.purpose, keyId: k.keyId, publicKey: k.publicKey }]),
  );
  const anchored = new Set(policy.anchors.map((k) => `${k.agency}:${k.purpose}`));
  let grew = true;
  while (grew) {
    grew = false;
    for (const k of published) {
      if (trusted.has(keyOf(k))) continue;
      const unanchored = policy.storeKeys && !anchored.has(`${k.agency}:${k.purpose}`);
      const endorser = k.endorsement ? trusted.get(`${k.agency}:${k.purpose}:${k.endorsement.keyId}`) : undefined;
      if (unanchored || (endorser && verifySignature(endorser.publicKey, endorsementMessage(k), k.endorsement!.signature))) {
        trusted.set(keyOf(k), k);
        grew = true;
      }
    }
  }
  const refused = new Map<string, RefusedKey>();
  for (const k of published) {
    if (trusted.has(keyOf(k))) continue;
    const endorser = k.endorsement ? trusted.get(`${k.agency}:${k.purpose}:${k.endorsement.keyId}`) : undefined;
    const reason: RefusalReason = !k.endorsement ? 'not-endorsed' : endorser ? 'bad-endorsement' : 'endorser-untrusted';
    // One entry per key; a key published twice is reported with its first record's reason.
    if (!refused.has(keyOf(k))) refused.set(keyOf(k), { agency: k.agency, purpose: k.purpose, keyId: k.keyId, publicKey: k.publicKey, reason });
  }
  return { trusted: [...trusted.values()], refused: [...refused.values()] };
}

export const refusalText: Record<RefusalReason, { zh: string; en: string }> = {
  'not-endorsed': { zh: '不在信任文件中，也没有受信任密钥的背书签名', en: 'is not in the trust file and carries no endorsement by a trusted key' },
  'endorser-untrusted': { zh: '其背书密钥本身不受信任', en: 'is endorsed by a key that is not trusted itself' },
  'bad-endorsement': { zh: '其背书签名无法验证', en: 'carries an endorsement whose signature does not verify' },
};
