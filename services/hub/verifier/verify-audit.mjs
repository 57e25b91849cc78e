#!/usr/bin/env node
// Offline verifier for a labor-hub case export (format labor-hub-audit/1). Node >= 20, no
// dependencies, on purpose: an auditor can read all of it and run it on a machine that never saw
// the hub. Usage: node verify-audit.mjs case-export.json [--trust trust.json | --keys pinned-keys.json]
// [--documents folder]: also checks the files in a folder against the documents the events record.
// Exit 0 when every check holds and a witness covers the last revision, 1 when a check fails, 2
// when the input cannot be used (or holds no events), 3 when every check holds but no witness
// covers the last revision: verified, not proven complete. See README.md.
//
// The checks are also a function, `verifyExport(document, { pinned })`, which returns the same
// verdict as a structured result: the hub's POST /api/audit/verify-export runs exactly this code
// with the hub's trusted keys pinned, so the console and this tool can never disagree.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FORMAT = 'labor-hub-audit/1';
const WITNESS_PREFIX = 'labor-hub/ChainHeadsWitnessed/1\n';

/** The input cannot be verified at all (exit 2). `message` is what the tool prints: Chinese / English. */
class Unusable extends Error {
  constructor(zh, en, message = `${zh} / ${en}`) {
    super(message);
    this.zh = zh;
    this.en = en;
  }
}

// --- canonical JSON, as packages/event-store/src/canonical.ts: keys sorted by UTF-16 code units,
// no white space, numbers as ECMAScript prints them, undefined members left out.
function canonicalJson(value) {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${value} is not JSON`);
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const members = [];
      for (const key of Object.keys(value).sort()) {
        if (value[key] === undefined) continue;
        members.push(`${JSON.stringify(key)}:${canonicalJson(value[key])}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new Error(`a ${typeof value} is not JSON`);
  }
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// The event hash, as packages/event-store/src/hash-chain.ts: the event's hash algorithm over the
// canonical JSON of {data, id, metadata without hash, revision (a decimal string), stream, type}.
// The algorithm is metadata.hashAlg: absent or "sha256" (suite intl), or "sm3" (suite gm, GB/T
// 32905, in Node's own crypto on OpenSSL 3); a stream may mix the two. Anything else cannot match.
function eventHash(e) {
  const { hash: _hash, ...metadata } = e.metadata;
  const alg = metadata.hashAlg ?? 'sha256';
  if (alg !== 'sha256' && alg !== 'sm3') throw new Error(`unknown hash algorithm ${JSON.stringify(alg)}`);
  const text = canonicalJson({ data: e.data, id: e.id, metadata, revision: String(e.revision), stream: e.stream, type: e.type });
  return createHash(alg).update(text, 'utf8').digest('hex');
}

// The proof an agency writes inside its append (since issue 12.2; packages/service-kit/src/event-proof.ts):
// in the first event's metadata.proof = {v: 1, algorithm: "Ed25519" | "SM2", keyId, count, signature},
// a signature by the key (of that algorithm: Ed25519, or SM2 with SM3 and the default id) over PROOF_PREFIX + canonicalJson({digests, fromRevision, prevHash, stream}),
// where each digest is sm3 when the proof's algorithm is SM2 (suite gm) and sha256 when it is Ed25519
// (suite intl), over the canonical {data, id, metadata without hash, prevHash,
// recordedAt, hashAlg and proof, revision, stream, type} of one of the `count` events from that one on.
const PROOF_PREFIX = 'labor-hub/EventsProof/1\n';
const NOT_CONTENT = new Set(['hash', 'prevHash', 'recordedAt', 'hashAlg', 'proof']);

// The digest a record signed with `algorithm` uses: sm3 for SM2 (suite gm), sha256 for Ed25519 (suite intl).
const digestOf = (algorithm) => (algorithm === 'SM2' ? 'sm3' : 'sha256');
const hashWith = (algorithm, text) => createHash(digestOf(algorithm)).update(text, 'utf8').digest('hex');

const contentDigestFor = (algorithm) => (e) => {
  const metadata = Object.fromEntries(Object.entries(e.metadata).filter(([k]) => !NOT_CONTENT.has(k)));
  return hashWith(algorithm, canonicalJson({ data: e.data, id: e.id, metadata, revision: String(e.revision), stream: e.stream, type: e.type }));
};

function proofMessage(stream, fromRevision, prevHash, digests) {
  return PROOF_PREFIX + canonicalJson({ digests, fromRevision: String(fromRevision), prevHash, stream });
}

function ed25519Verify(publicKeyBase64, message, signatureBase64) {
  try {
    const raw = Buffer.from(publicKeyBase64, 'base64');
    const sig = Buffer.from(signatureBase64, 'base64');
    if (raw.length !== 32 || sig.length !== 64) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    return verify(null, Buffer.from(message, 'utf8'), key, sig);
  } catch {
    return false;
  }
}

// SM2 (GB/T 32918.2) verification on the recommended curve with the default user id
// 1234567812345678, over bigint and Node's own sm3: Node's crypto has no GB/T 32918 signature (its
// sign over an SM2-curve key is ECDSA). The same equations as packages/service-kit/src/sm2.ts,
// kept here so this file needs nothing beyond Node. The signature is r ‖ s (64 bytes).
const SM2 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const modp = (x, m) => ((x % m) + m) % m;
function powMod(b, e, m) {
  let r = 1n;
  for (b = modp(b, m); e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}
function sm2Double([x, y, z]) {
  const { p, a } = SM2;
  if (z === 0n || y === 0n) return [1n, 1n, 0n];
  const yy = (y * y) % p;
  const s = (4n * x * yy) % p;
  const zz = (z * z) % p;
  const m = modp(3n * x * x + a * zz * zz, p);
  const x3 = modp(m * m - 2n * s, p);
  return [x3, modp(m * (s - x3) - 8n * yy * yy, p), (2n * y * z) % p];
}
function sm2Add(P, Q) {
  const { p } = SM2;
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const z1 = (P[2] * P[2]) % p;
  const z2 = (Q[2] * Q[2]) % p;
  const u1 = (P[0] * z2) % p;
  const u2 = (Q[0] * z1) % p;
  const s1 = (P[1] * z2 * Q[2]) % p;
  const s2 = (Q[1] * z1 * P[2]) % p;
  if (u1 === u2) return s1 === s2 ? sm2Double(P) : [1n, 1n, 0n];
  const h = modp(u2 - u1, p);
  const r = modp(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (hh * h) % p;
  const x3 = modp(r * r - hhh - 2n * u1 * hh, p);
  return [x3, modp(r * (u1 * hh - x3) - s1 * hhh, p), (h * P[2] * Q[2]) % p];
}
function sm2Mul(k, P) {
  let R = [1n, 1n, 0n];
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    R = sm2Double(R);
    if ((k >> i) & 1n) R = sm2Add(R, P);
  }
  return R;
}
const be32 = (x) => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');
const bigOf = (bytes) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/** GB/T 32918.2 verification of `signature` (r ‖ s) over `message` by the key 04 ‖ x ‖ y, default user id. */
export function sm2Verify(message, signature, publicKey) {
  if (publicKey.length !== 65 || publicKey[0] !== 4 || signature.length !== 64) return false;
  const { n, p } = SM2;
  const x = bigOf(publicKey.subarray(1, 33));
  const y = bigOf(publicKey.subarray(33));
  if (x >= p || y >= p || modp(y * y - x * x * x - SM2.a * x - SM2.b, p) !== 0n) return false;
  const r = bigOf(signature.subarray(0, 32));
  const s = bigOf(signature.subarray(32));
  const t = (r + s) % n;
  if (r < 1n || r >= n || s < 1n || s >= n || t === 0n) return false;
  const id = Buffer.from('1234567812345678', 'ascii');
  const z = createHash('sm3')
    .update(Buffer.concat([Buffer.from([0, id.length * 8]), id, ...[SM2.a, SM2.b, SM2.gx, SM2.gy, x, y].map(be32)]))
    .digest();
  const e = bigOf(createHash('sm3').update(z).update(message).digest());
  const [X, , Z] = sm2Add(sm2Mul(s, [SM2.gx, SM2.gy, 1n]), sm2Mul(t, [x, y, 1n]));
  if (Z === 0n) return false;
  const zi = powMod(Z, p - 2n, p);
  return modp(e + ((X * zi * zi) % p), n) === r;
}

/** The algorithm a published key is for: 32 bytes Ed25519 (suite intl), 65 bytes 04 ‖ x ‖ y SM2 (suite gm). */
function algorithmOfKey(publicKeyBase64) {
  const raw = Buffer.from(String(publicKeyBase64 ?? ''), 'base64');
  return raw.length === 32 ? 'Ed25519' : raw.length === 65 && raw[0] === 4 ? 'SM2' : null;
}

/** A signature by the key, with the key's own algorithm. */
function signatureVerify(publicKeyBase64, message, signatureBase64) {
  if (algorithmOfKey(publicKeyBase64) !== 'SM2') return ed25519Verify(publicKeyBase64, message, signatureBase64);
  try {
    return sm2Verify(Buffer.from(message, 'utf8'), Buffer.from(signatureBase64, 'base64'), Buffer.from(publicKeyBase64, 'base64'));
  } catch {
    return false;
  }
}

// --- keys: the export's own, or trusted ones: a trust file ({format: "labor-hub-trust/1", anchors: [...]}),
// a JSON list, {publicKeys: [...]}, or PUBLIC_KEYS text.
function readKeys(list, origin) {
  if (!Array.isArray(list))
    throw new Unusable(`${origin}: 没有公钥列表`, `${origin}: no list of public keys`, `${origin}: 没有公钥列表 / no list of public keys`);
  const keys = [];
  for (const k of list) {
    const raw = Buffer.from(String(k?.publicKey ?? ''), 'base64');
    if (typeof k?.agency !== 'string' || algorithmOfKey(k?.publicKey) === null) {
      throw new Unusable(
        `${origin}: 公钥格式错误`,
        `${origin}: malformed key ${JSON.stringify(k)}`,
        `${origin}: 公钥格式错误 / malformed key ${JSON.stringify(k)}`,
      );
    }
    const keyId = createHash('sha256').update(raw).digest('hex').slice(0, 16);
    if (k.keyId !== undefined && k.keyId !== keyId) {
      throw new Unusable(
        `${origin}: keyId ${k.keyId} 与公钥不符`,
        `${origin}: keyId ${k.keyId} does not match its key (${keyId})`,
        `${origin}: keyId ${k.keyId} 与公钥不符 / does not match its key (${keyId})`,
      );
    }
    const e = k.endorsement;
    const endorsement = e && typeof e.keyId === 'string' && typeof e.signature === 'string' ? { keyId: e.keyId, signature: e.signature } : undefined;
    keys.push({ agency: k.agency, purpose: k.purpose ?? 'events', keyId, publicKey: k.publicKey, ...(endorsement ? { endorsement } : {}) });
  }
  return keys.filter((k) => k.purpose === 'events');
}

// A rotated key counts when a trusted key of the same agency endorsed it, as at the hub
// (packages/service-kit/src/trust.ts): the endorsement is a signature over this text by the
// endorsing key, in that key's algorithm (an Ed25519 key may endorse its SM2 successor).
const endorsementMessage = (k) => `labor-hub/AgencyKeyEndorsed/1\n${k.agency}\n${k.purpose}\n${k.keyId}\n${k.publicKey}`;

/** The trusted keys, grown by the file's keys that a trusted key endorsed (in a chain); and the file's keys left out. */
function followEndorsements(trusted, fileKeys) {
  const out = [...trusted];
  const has = (k) => out.some((t) => t.agency === k.agency && t.keyId === k.keyId);
  let grew = true;
  while (grew) {
    grew = false;
    for (const k of fileKeys) {
      if (has(k) || !k.endorsement) continue;
      const by = out.find((t) => t.agency === k.agency && t.keyId === k.endorsement.keyId);
      if (by && signatureVerify(by.publicKey, endorsementMessage(k), k.endorsement.signature)) {
        out.push(k);
        grew = true;
      }
    }
  }
  return { keys: out, untrusted: fileKeys.filter((k) => !has(k)) };
}

function readPinned(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Unusable(`无法读取 ${path}`, `cannot read ${path}: ${e.message}`, `无法读取 / cannot read ${path}: ${e.message}`);
  }
  try {
    const json = JSON.parse(text);
    return readKeys(Array.isArray(json) ? json : json?.format === 'labor-hub-trust/1' ? json.anchors : json?.publicKeys, path);
  } catch (e) {
    if (e instanceof Unusable) throw e;
    const list = text
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry) => {
        // <agency>:<purpose>:<base64>, or with the algorithm named: <agency>:<purpose>:<Ed25519|SM2>:<base64>.
        const parts = entry.split(':');
        const [agency, purpose] = parts;
        const publicKey = parts.length === 4 ? parts[3] : parts[2];
        if (parts.length < 3 || parts.length > 4 || !publicKey || (parts.length === 4 && parts[2] !== algorithmOfKey(publicKey))) {
          throw new Unusable(
            `${path}: "${entry}" 应为 <agency>:<events|sessions>:[Ed25519:|SM2:]<base64 key>`,
            `${path}: "${entry}" must read <agency>:<events|sessions>:[Ed25519:|SM2:]<base64 key>`,
            `${path}: "${entry}" 应为 / must read <agency>:<events|sessions>:[Ed25519:|SM2:]<base64 key>`,
          );
        }
        return { agency, purpose, publicKey };
      });
    return readKeys(list, path);
  }
}

// --- the checks; each returns a list of problems {check, kind, severity, revision?, agency?,
// expected?, found?, zh, en}: `kind` is a stable code (the hub's own checks use the same ones where
// they mean the same), `expected`/`found` say what should have been there and what was.
const failure = (check, kind, at, zh, en) => ({ check, kind, severity: 'failure', ...at, zh, en });

function checkChain(stream, events) {
  const problems = [];
  let prev = null;
  events.forEach((e, i) => {
    const r = String(e.revision);
    const chain = (kind, at, zh, en) => problems.push(failure('chain', kind, at, zh, en));
    if (e.stream !== stream)
      chain(
        'wrong-stream',
        { revision: r, expected: stream, found: String(e.stream) },
        `第 ${r} 版属于另一条流 ${e.stream}`,
        `revision ${r} belongs to another stream, ${e.stream}`,
      );
    if (r !== String(i))
      chain(
        'revision-missing',
        { revision: String(i), expected: String(i), found: r },
        `缺少第 ${i} 版（其后是第 ${r} 版）`,
        `revision ${i} is missing (next is ${r})`,
      );
    if ((e.metadata.prevHash ?? null) !== prev) {
      chain(
        'link-broken',
        { revision: r, expected: prev, found: e.metadata.prevHash ?? null },
        `第 ${r} 版 prevHash 与前一事件哈希不符`,
        `revision ${r}: prevHash does not match the previous hash`,
      );
    }
    let actual = null;
    try {
      actual = eventHash(e);
    } catch (err) {
      chain('unencodable', { revision: r }, `第 ${r} 版无法编码`, `revision ${r} cannot be encoded: ${err.message}`);
    }
    // expected: the hash the event carries (what the next link and the signatures vouch for); found: the hash of its content now.
    if (actual !== null && actual !== e.metadata.hash) {
      chain(
        'hash-mismatch',
        { revision: r, expected: e.metadata.hash, found: actual },
        `第 ${r} 版内容与其哈希不符（被改动过）`,
        `revision ${r}: content does not match its hash (altered)`,
      );
    }
    prev = e.metadata.hash;
  });
  return problems;
}

const isRev = (s) => typeof s === 'string' && /^\d+$/.test(s);

function checkSignatures(events, records, keys, notices = []) {
  const problems = [];
  const byRevision = new Map(events.map((e) => [String(e.revision), e]));
  const covered = new Set();
  // Revisions whose signature an agency added later (a repair after a crash), unless also signed at append.
  const repaired = new Map();
  const signedAtAppend = new Set();
  const sig = (kind, at, zh, en) => problems.push(failure('signatures', kind, at, zh, en));
  // Proofs inside the append (events written since issue 12.2).
  for (const first of events) {
    const p = first.metadata.proof;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) continue;
    const agency = first.metadata.agency;
    const from = BigInt(first.revision);
    const count = Number.isSafeInteger(p.count) && p.count >= 1 ? p.count : null;
    const range = count === null ? `${from}..?` : `${from}..${from + BigInt(count) - 1n}`;
    const key = keys.find((k) => k.agency === agency && k.keyId === p.keyId);
    if (typeof agency !== 'string' || !key) {
      sig(
        'unknown-key',
        { agency, revision: String(from), found: p.keyId },
        `${agency} 在第 ${from} 版所附签名使用的密钥 ${p.keyId} 不受信任`,
        `${agency}'s proof at revision ${from} uses untrusted key ${p.keyId}`,
      );
      continue;
    }
    const run = [];
    for (let i = 0n; count !== null && i < BigInt(count); i++) {
      const e = byRevision.get(String(from + i));
      if (!e) break;
      run.push(e);
    }
    if (count !== null && run.length < count) {
      const r = String(from + BigInt(run.length));
      sig(
        'signed-revision-missing',
        { agency, revision: r },
        `${agency} 签署过第 ${r} 版，但导出中没有该版`,
        `${agency} signed revision ${r}, which the export lacks`,
      );
      continue;
    }
    const ok =
      count !== null &&
      p.v === 1 &&
      p.algorithm === algorithmOfKey(key.publicKey) &&
      typeof p.signature === 'string' &&
      run.every((e) => e.metadata.agency === agency) &&
      signatureVerify(key.publicKey, proofMessage(first.stream, from, first.metadata.prevHash ?? null, run.map(contentDigestFor(p.algorithm))), p.signature);
    if (!ok) {
      sig(
        'bad-signature',
        { agency, revision: String(from) },
        `${agency} 随第 ${range} 版一同写入的签名无法验证`,
        `${agency}'s proof over ${range}, written with them, does not verify`,
      );
      continue;
    }
    for (const e of run) {
      covered.add(String(e.revision));
      signedAtAppend.add(String(e.revision));
    }
  }
  for (const rec of records) {
    const agency = String(rec.stream).replace(/^signatures-/, '');
    const d = rec.data ?? {};
    const range = `${d.fromRevision}..${d.toRevision}`;
    const at = { agency, revision: d.fromRevision };
    const key = keys.find((k) => k.agency === agency && k.keyId === d.keyId);
    if (!key) {
      sig(
        'unknown-key',
        { ...at, found: d.keyId },
        `${agency} 对第 ${range} 版的签名所用密钥 ${d.keyId} 不受信任`,
        `${agency}'s signature over ${range} uses untrusted key ${d.keyId}`,
      );
      continue;
    }
    const ok =
      Array.isArray(d.hashes) &&
      d.hashes.every((h) => typeof h === 'string') &&
      isRev(d.fromRevision) &&
      isRev(d.toRevision) &&
      BigInt(d.toRevision) - BigInt(d.fromRevision) + 1n === BigInt(d.hashes.length) &&
      typeof d.signature === 'string' &&
      (d.algorithm ?? 'Ed25519') === algorithmOfKey(key.publicKey) &&
      signatureVerify(key.publicKey, d.hashes.join(''), d.signature);
    if (!ok) {
      sig('bad-signature', at, `${agency} 对第 ${range} 版的签名无法验证`, `${agency}'s signature over ${range} does not verify`);
      continue;
    }
    d.hashes.forEach((hash, i) => {
      const r = String(BigInt(d.fromRevision) + BigInt(i));
      const e = byRevision.get(r);
      if (!e)
        sig(
          'signed-revision-missing',
          { agency, revision: r },
          `${agency} 签署过第 ${r} 版，但导出中没有该版`,
          `${agency} signed revision ${r}, which the export lacks`,
        );
      else if (e.metadata.hash !== hash || e.metadata.agency !== agency) {
        // expected: what the agency signed; found: what the file's event carries.
        sig(
          'hash-mismatch',
          { agency, revision: r, expected: hash, found: e.metadata.hash },
          `${agency} 签署的第 ${r} 版哈希与事件不符`,
          `${agency} signed another hash for revision ${r}`,
        );
      } else {
        covered.add(r);
        if (d.repair && typeof d.repair.at === 'string') repaired.set(r, { agency, at: d.repair.at, range });
        else signedAtAppend.add(r);
      }
    });
  }
  for (const [r, { agency, at, range }] of repaired) {
    if (signedAtAppend.has(r)) continue;
    notices.push({
      check: 'signatures',
      kind: 'signed-later',
      severity: 'notice',
      revision: r,
      agency,
      zh: `第 ${r} 版的签名是 ${agency} 事后补签的（于 ${at}，补签记录覆盖第 ${range} 版）：记录时因崩溃未能签名`,
      en: `revision ${r} was signed by ${agency} after the fact (at ${at}, repair record over revisions ${range}): a crash left it unsigned when recorded`,
    });
  }
  for (const e of events) {
    const r = String(e.revision);
    if (!covered.has(r))
      sig(
        'unsigned',
        { revision: r, agency: e.metadata.agency },
        `第 ${r} 版没有 ${e.metadata.agency} 的有效签名`,
        `revision ${r} carries no valid signature of ${e.metadata.agency}`,
      );
  }
  return problems;
}

function witnessMessage(w) {
  const { agency, algorithm, keyId, leaves, position, previous, sequence, takenAt } = w;
  return WITNESS_PREFIX + canonicalJson({ agency, algorithm, keyId, leaves, position, previous, sequence, takenAt });
}

// Also returns the highest revision a verified witness record vouches for (-1 when none): what
// the completeness verdict rests on.
function checkWitnesses(stream, events, witnesses, keys) {
  const problems = [];
  let witnessed = -1;
  const byRevision = new Map(events.map((e) => [String(e.revision), e]));
  const last = events.length - 1;
  const inStore = new Set(witnesses.filter((w) => w.source === 'store').map((w) => `${w.agency}:${w.sequence}:${sha256(witnessMessage(w))}`));
  const wit = (kind, at, zh, en) => problems.push(failure('witnesses', kind, at, zh, en));
  for (const w of witnesses) {
    const name = `${w.agency} #${w.sequence} (${w.source})`;
    const r = String(w.head?.revision);
    const at = { agency: w.agency, revision: r, source: w.source, sequence: w.sequence };
    const key = keys.find((k) => k.agency === w.agency && k.keyId === w.keyId);
    if (!key) {
      wit('unknown-key', { ...at, found: w.keyId }, `见证记录 ${name} 所用密钥不受信任`, `witness record ${name} uses an untrusted key`);
      continue;
    }
    const leaf = hashWith(w.algorithm, canonicalJson({ hash: w.head?.hash, revision: w.head?.revision, stream: w.head?.stream }));
    if (
      w.head?.stream !== stream ||
      !Array.isArray(w.leaves) ||
      !w.leaves.includes(leaf) ||
      w.algorithm !== algorithmOfKey(key.publicKey) ||
      !signatureVerify(key.publicKey, witnessMessage(w), w.signature)
    ) {
      wit('bad-signature', at, `见证记录 ${name} 的签名无法验证`, `witness record ${name}: the signature does not verify`);
      continue;
    }
    const e = byRevision.get(r);
    if (!e)
      wit(
        'truncated',
        { ...at, expected: r, found: String(last) },
        `见证记录 ${name} 见证了第 ${r} 版，但导出只到第 ${last} 版（截断）`,
        `witness record ${name} saw revision ${r}, but the export ends at ${last} (truncated)`,
      );
    else if (e.metadata.hash !== w.head.hash) {
      wit(
        'rewritten',
        { ...at, expected: w.head.hash, found: e.metadata.hash },
        `见证记录 ${name} 见证的第 ${r} 版哈希不同（被改写）`,
        `witness record ${name} saw another hash at revision ${r} (rewritten)`,
      );
    } else witnessed = Math.max(witnessed, Number(r));
    if (w.source === 'agency-copy' && w.inStore && !inStore.has(`${w.agency}:${w.sequence}:${sha256(witnessMessage(w))}`)) {
      wit(
        'missing-from-store',
        at,
        `机构自存的见证记录 ${name} 不在存储的见证流中（被删除）`,
        `the agency's own witness record ${name} is missing from the store's witness stream (removed)`,
      );
    }
  }
  return { problems, witnessed };
}

// A file proves only what it contains: events cut from its end, with their signatures and every
// witness record that saw them, leave no trace in it. Only a verified witness of the last revision
// rules that out up to that revision, hence exit 3 without one.
function completeness(last, witnessed) {
  const note = {
    zh: '本文件只能证明其所含内容：从末尾删除的事件，除非有见证记录见过，在文件中不留痕迹',
    en: 'a file proves only what it contains: events removed from its end leave no trace in it unless a witness record saw them',
  };
  const tail = witnessed + 1 === last ? `第 ${last} 版` : `第 ${witnessed + 1}–${last} 版`;
  const tailEn = witnessed + 1 === last ? `revision ${last}` : `revisions ${witnessed + 1}–${last}`;
  const at = { lastRevision: String(last), witnessedRevision: witnessed < 0 ? null : String(witnessed) };
  const unproven = (zh, en) => ({ proven: false, ...at, lines: [{ zh: `警告 WARNING: ${zh}`, en }, note] });
  if (witnessed < 0)
    return unproven(
      `没有任何经核验的见证记录：本文件无法证明其末尾没有事件被删除（第 0–${last} 版可能只是被截断后剩下的前段）`,
      `no verified witness record at all: this file cannot show that events were not removed from its end (revisions 0–${last} may be what is left of a longer stream)`,
    );
  if (witnessed < last)
    return unproven(
      `见证只到第 ${witnessed} 版：第 ${witnessed} 版之后的尾部（${tail}及其后）无法由本文件证明完整`,
      `witnesses reach revision ${witnessed} only: the tail after revision ${witnessed} (${tailEn} and whatever followed) cannot be proven complete by this file`,
    );
  return { proven: true, ...at, lines: [{ zh: `最后一版（第 ${last} 版）已被见证`, en: `the last revision (${last}) is witnessed` }, note] };
}

// --- 案号: the number people call the case by, read from the events (signed like every act), never
// from the file's convenience `caseNumber` field, which must agree with them.
function recordedCaseNumber(caseId, events) {
  let found = null;
  for (const e of events) {
    const d = e.data;
    if (e.type === 'CaseNumberAssigned' && d && d.caseId === caseId && typeof d.caseNumber === 'string' && d.caseNumber !== '')
      found = { caseNumber: d.caseNumber, revision: String(e.revision) };
  }
  return found;
}

// --- the document: what makes a file usable at all (else exit 2).
function checkDocument(doc) {
  if (doc?.format !== FORMAT) throw new Unusable(`不是 ${FORMAT} 导出`, `not a ${FORMAT} export`);
  if (typeof doc.caseId !== 'string' || doc.caseId === '') throw new Unusable('缺少案件编号', 'missing "caseId"');
  for (const field of ['events', 'signatures', 'witnesses', 'publicKeys'])
    if (!Array.isArray(doc[field])) throw new Unusable(`缺少 "${field}"`, `missing "${field}"`, `缺少 / missing "${field}"`);
  if (doc.events.length === 0) throw new Unusable('文件中没有事件，无可核验', 'the file holds no events: nothing to verify');
  for (const e of doc.events) {
    if (typeof e?.id !== 'string' || typeof e.type !== 'string' || !isRev(e.revision) || typeof e.metadata?.hash !== 'string')
      throw new Unusable('事件格式错误', 'malformed event');
  }
}

/**
 * Verifies a parsed labor-hub-audit/1 document. `pinned`: the keys to trust (a list of
 * {agency, purpose?, publicKey, keyId?}); without it the file's own `publicKeys`, which only shows
 * the file is consistent with itself. Never throws for bad input: an unusable document comes back
 * as `{ usable: false, exitCode: 2, reason: {zh, en}, message }`; otherwise
 * `{ usable: true, ok, proven, exitCode (0, 1 or 3), verdict, caseId, stream, exportedAt, counts,
 * keys: {source, count}, checks: [{id, zh, en, ok, problems}], failures, completeness }`.
 */
export function verifyExport(doc, { pinned } = {}) {
  let keys;
  let untrustedFileKeys = [];
  try {
    checkDocument(doc);
    const fileKeys = readKeys(doc.publicKeys, 'publicKeys');
    if (pinned) ({ keys, untrusted: untrustedFileKeys } = followEndorsements(readKeys(pinned, 'pinned keys'), fileKeys));
    else keys = fileKeys;
  } catch (e) {
    if (!(e instanceof Unusable)) throw e;
    return { usable: false, exitCode: 2, reason: { zh: e.zh, en: e.en }, message: e.message };
  }
  // The case the file names is what it must prove: every check runs against that case's stream,
  // and a `stream` naming another one (a proof relabelled) fails on its own.
  const stream = `case-${doc.caseId}`;
  const identity =
    doc.stream === undefined || doc.stream === stream
      ? []
      : [
          failure(
            'identity',
            'stream-mismatch',
            { expected: stream, found: String(doc.stream) },
            `文件称案件 ${doc.caseId}，但其流为 ${doc.stream}（应为 ${stream}）`,
            `the file names case ${doc.caseId}, but its stream is ${doc.stream} (expected ${stream})`,
          ),
        ];
  const events = [...doc.events].sort((a, b) => (BigInt(a.revision) < BigInt(b.revision) ? -1 : 1));
  const numbered = recordedCaseNumber(doc.caseId, events);
  if (doc.caseNumber !== undefined && (doc.caseNumber ?? null) !== (numbered?.caseNumber ?? null)) {
    identity.push(
      failure(
        'identity',
        'case-number-mismatch',
        { expected: numbered?.caseNumber ?? null, found: doc.caseNumber === null ? null : String(doc.caseNumber) },
        `文件称案号 ${doc.caseNumber ?? '（无）'}，但其事件记载的案号为 ${numbered?.caseNumber ?? '（无，未编号案件）'}`,
        `the file names case number ${doc.caseNumber ?? '(none)'}, but its events record ${numbered?.caseNumber ?? 'none (an unnumbered case)'}`,
      ),
    );
  }
  const witnessCheck = checkWitnesses(stream, events, doc.witnesses, keys);
  const notices = [];
  const checks = [
    { id: 'identity', zh: '案件标识', en: 'Case identity', problems: identity },
    { id: 'chain', zh: '哈希链', en: 'Hash chain', problems: checkChain(stream, events) },
    { id: 'signatures', zh: '机构签名', en: 'Agency signatures', problems: checkSignatures(events, doc.signatures, keys, notices) },
    { id: 'witnesses', zh: '跨机构见证', en: 'Cross-agency witnesses', problems: witnessCheck.problems },
  ].map((c) => ({ ...c, ok: c.problems.length === 0 }));
  const complete = completeness(Number(events.at(-1).revision), witnessCheck.witnessed);
  const failures = checks.reduce((n, c) => n + c.problems.length, 0);
  const exitCode = failures > 0 ? 1 : complete.proven ? 0 : 3;
  return {
    usable: true,
    ok: failures === 0,
    proven: complete.proven,
    exitCode,
    verdict: exitCode === 1 ? 'failed' : exitCode === 3 ? 'verified-not-proven-complete' : 'passed',
    caseId: doc.caseId,
    // 案号 as the file's CaseNumberAssigned event records it (covered by the chain and signature checks); null if none.
    caseNumber: numbered?.caseNumber ?? null,
    caseNumberRevision: numbered?.revision ?? null,
    stream,
    exportedAt: doc.exportedAt,
    counts: { events: events.length, signatures: doc.signatures.length, witnesses: doc.witnesses.length },
    keys: { source: pinned ? 'pinned' : 'file', count: keys.length },
    // Keys the file carries that neither the trusted keys nor an endorsement by one vouch for.
    untrustedFileKeys: untrustedFileKeys.map(({ agency, keyId }) => ({ agency, keyId })),
    checks,
    failures,
    notices,
    completeness: complete,
  };
}

// --- documents: files attached to the case are kept outside the events; each DocumentAttached
// event records the file's SHA-256 (of its plaintext), size, type and name. Given the files an
// auditor holds, each recorded document is a match (a file with its hash), a mismatch (a file
// with its recorded name but other content) or missing. The list is read from the events (which
// the chain and signature checks cover), never from the export's convenience `documents` list.

/**
 * The documents the file's events record, in revision order: the files attached
 * (DocumentAttached) and the letters issued as PDFs (SupervisionLetterIssued with a `document`,
 * named `<文号>.pdf` as the agency service serves them).
 */
export function recordedDocuments(doc) {
  const out = [];
  for (const e of [...(doc?.events ?? [])].sort((a, b) => (BigInt(a.revision) < BigInt(b.revision) ? -1 : 1))) {
    if (typeof e?.data !== 'object' || e.data === null) continue;
    if (e.type === 'SupervisionLetterIssued') {
      const letter = e.data;
      const d = letter.document;
      if (typeof d !== 'object' || d === null || typeof d.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.sha256)) continue;
      out.push({
        documentId: String(letter.letterId),
        revision: String(e.revision),
        fileName: typeof letter.documentNo === 'string' ? `${letter.documentNo}.pdf` : null,
        size: typeof d.size === 'number' ? d.size : null,
        sha256: d.sha256,
        personal: false,
        letter: true,
      });
      continue;
    }
    if (e.type !== 'DocumentAttached') continue;
    const d = e.data;
    if (typeof d.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(d.sha256)) continue;
    out.push({
      documentId: String(d.documentId),
      revision: String(e.revision),
      fileName: typeof d.fileName === 'string' ? d.fileName : null,
      size: typeof d.size === 'number' ? d.size : null,
      sha256: d.sha256,
      personal: d.personal !== undefined,
      letter: false,
    });
  }
  return out;
}

/**
 * Holds files (`[{name, sha256, size}]`, `name` relative to the folder) against the recorded
 * documents. Returns `{ ok, documents: [{...recorded, status: 'match' | 'mismatch' | 'missing',
 * files, found?}], unrecorded: [names] }`; ok is false when any document is a mismatch.
 */
export function checkDocumentFiles(doc, files) {
  const byHash = new Map();
  for (const f of files) byHash.set(f.sha256, [...(byHash.get(f.sha256) ?? []), f.name]);
  const baseName = (name) => name.split(/[\\/]/).pop();
  const recorded = recordedDocuments(doc);
  const documents = recorded.map((d) => {
    const same = byHash.get(d.sha256);
    if (same) return { ...d, status: 'match', files: same };
    const named = d.fileName === null ? [] : files.filter((f) => baseName(f.name) === d.fileName);
    if (named.length > 0) return { ...d, status: 'mismatch', files: named.map((f) => f.name), found: named.map((f) => f.sha256) };
    return { ...d, status: 'missing', files: [] };
  });
  const known = new Set(recorded.map((d) => d.sha256));
  const unrecorded = files.filter((f) => !known.has(f.sha256) && !documents.some((d) => d.files.includes(f.name))).map((f) => f.name);
  return { ok: documents.every((d) => d.status !== 'mismatch'), documents, unrecorded };
}

/** Every regular file under `folder`, hashed in 1 MiB reads (a big file never sits in memory whole). */
export function hashFolder(folder) {
  const out = [];
  const buffer = Buffer.alloc(1 << 20);
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const hash = createHash('sha256');
        const fd = openSync(path, 'r');
        try {
          for (;;) {
            const n = readSync(fd, buffer, 0, buffer.length, null);
            if (n === 0) break;
            hash.update(buffer.subarray(0, n));
          }
        } finally {
          closeSync(fd);
        }
        out.push({ name: relative(folder, path), sha256: hash.digest('hex'), size: statSync(path).size });
      }
    }
  };
  walk(folder);
  return out;
}

// --- the command line: input and report
function load(args) {
  // --trust names the deployment's trust file; --keys (older) any keys file. Both are read alike.
  const k = Math.max(args.indexOf('--keys'), args.indexOf('--trust'));
  const d = args.indexOf('--documents');
  const file = args.find((a, i) => !a.startsWith('--') && (k < 0 || i !== k + 1) && (d < 0 || i !== d + 1));
  const usage = 'node verify-audit.mjs case-export.json [--trust trust.json | --keys pinned-keys.json] [--documents folder]';
  if (!file || (k >= 0 && !args[k + 1]) || (d >= 0 && !args[d + 1])) throw new Unusable('用法', `usage: ${usage}`, `用法 / usage: ${usage}`);
  let files = null;
  if (d >= 0) {
    try {
      files = hashFolder(args[d + 1]);
    } catch (e) {
      throw new Unusable(`无法读取材料文件夹 ${args[d + 1]}`, `cannot read the documents folder ${args[d + 1]}: ${e.message}`);
    }
  }
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Unusable(
      `无法读取导出文件 ${file}`,
      `cannot read the export ${file}: ${e.message}`,
      `无法读取导出文件 / cannot read the export ${file}: ${e.message}`,
    );
  }
  checkDocument(doc);
  const pinned = k >= 0 ? args[k + 1] : null;
  return { doc, keys: pinned ? readPinned(pinned) : readKeys(doc.publicKeys, 'publicKeys'), pinned, files };
}

function isTrustFile(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))?.format === 'labor-hub-trust/1';
  } catch {
    return false;
  }
}

function main(args) {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  let input;
  try {
    input = load(args);
  } catch (e) {
    if (!(e instanceof Unusable)) throw e;
    process.stderr.write(`无法核验 / cannot verify: ${e.message}\n`);
    return 2;
  }
  const { doc, keys, pinned, files } = input;
  const result = verifyExport(doc, pinned ? { pinned: keys } : {});
  const documents = files === null ? null : checkDocumentFiles(doc, files);
  out('劳动案件审计导出核验 / Labor hub audit export verification');
  out(
    `案件 Case: ${doc.caseId}   事件 Events: ${result.counts.events}   签名记录 Signature records: ${result.counts.signatures}   见证记录 Witness records: ${result.counts.witnesses}`,
  );
  out(
    result.caseNumber
      ? `案号 Case number: ${result.caseNumber}（第 ${result.caseNumberRevision} 版 CaseNumberAssigned 所记 / as recorded at revision ${result.caseNumberRevision}）`
      : '案号 Case number: 未编号案件 / unnumbered (no CaseNumberAssigned event)',
  );
  out(`导出时间 Exported at: ${doc.exportedAt}`);
  out(
    pinned
      ? `密钥 Keys: ${isTrustFile(pinned) ? '信任文件 trust file' : '固定密钥文件 pinned keys'} ${pinned} (${keys.length})，及其背书的轮换密钥 and the rotations they endorsed (${result.keys.count})`
      : `密钥 Keys: 导出文件自带的公钥 (${keys.length}) — 仅证明内容自洽；要独立核验请用 --trust 信任文件 / the keys in the file only show the file is self-consistent; give the trust file with --trust for an independent check`,
  );
  for (const u of result.untrustedFileKeys ?? []) {
    out(
      `  - 文件自带的 ${u.agency} 密钥 ${u.keyId} 不受信任（不在信任文件中，也没有受信任密钥的背书）/ the file's ${u.agency} key ${u.keyId} is not trusted (not in the trust file, not endorsed by a trusted key)`,
    );
  }
  out();
  for (const { zh, en, problems } of result.checks) {
    out(`${problems.length === 0 ? '[通过 PASS]' : '[失败 FAIL]'} ${zh} ${en}${problems.length ? `: ${problems.length}` : ''}`);
    for (const p of problems) out(`  - ${p.zh} / ${p.en}`);
  }
  for (const n of result.notices) out(`[注意 NOTICE] ${n.zh} / ${n.en}`);
  out(`${result.proven ? '[通过 PASS]' : '[警告 WARNING]'} 完整性 Completeness`);
  for (const l of result.completeness.lines) out(`  - ${l.zh} / ${l.en}`);
  if (documents) reportDocuments(out, documents);
  out();
  const failures = result.failures + (documents ? documents.documents.filter((x) => x.status === 'mismatch').length : 0);
  if (failures > 0) {
    out(`结论 Result: 未通过 / FAILED (${failures})`);
    return 1;
  }
  if (!result.proven) out('结论 Result: 核验通过，但无法证明完整 / VERIFIED, NOT PROVEN COMPLETE (exit 3)');
  else out('结论 Result: 全部通过 / ALL CHECKS PASSED');
  return result.exitCode;
}

function reportDocuments(out, { documents, unrecorded }) {
  const count = (status) => documents.filter((x) => x.status === status).length;
  const [match, mismatch, missing] = [count('match'), count('mismatch'), count('missing')];
  const head = mismatch > 0 ? '[失败 FAIL]' : missing > 0 ? '[警告 WARNING]' : '[通过 PASS]';
  out(
    `${head} 材料文件 Documents: 一致 match ${match}，不一致 mismatch ${mismatch}，缺少 missing ${missing}（共记录 ${documents.length} 份 / ${documents.length} recorded）`,
  );
  for (const x of documents) {
    const name = x.fileName ?? '（含个人信息，文件名已加密 personal, name encrypted）';
    if (x.status === 'match') out(`  - 一致 MATCH 版本 revision ${x.revision} ${name} sha256 ${x.sha256} ← ${x.files.join(', ')}`);
    else if (x.status === 'mismatch')
      out(
        `  - 不一致 MISMATCH 版本 revision ${x.revision} ${name}: 记录的 recorded sha256 ${x.sha256}，文件的 found ${x.found.join(', ')} (${x.files.join(', ')})`,
      );
    else out(`  - 缺少 MISSING 版本 revision ${x.revision} ${name} sha256 ${x.sha256}: 文件夹中没有此内容的文件 / no file in the folder has this content`);
  }
  for (const name of unrecorded) out(`  - 未记录 NOT RECORDED ${name}: 不是本案件记录的材料 / not a document recorded on this case`);
}

// Run as a program only, not when imported (the hub imports verifyExport).
function invokedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) process.exitCode = main(process.argv.slice(2));
