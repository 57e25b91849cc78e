import type { RecordedEvent } from '@hub/event-store';
import type { PublishedKey } from '@hub/service-kit';
import type { AgencyCopy } from './material.js';
import { problem, type AuditProblem } from './problems.js';
import type { WitnessCheck } from './wire.js';
import { proofDigest, verifyProof, type SourcedProof } from './witness-proof.js';

export type { WitnessCheck };

const NOT_COMPARED: Record<Exclude<AgencyCopy['status'], 'compared'>, [string, string]> = {
  'not-configured': [
    '未配置该机构服务地址（AGENCY_URLS），未比对其自存副本',
    'no address configured for this agency (AGENCY_URLS): its own copy was not compared',
  ],
  unreachable: ['无法连接该机构服务，未比对其自存副本', 'the agency service could not be reached: its own copy was not compared'],
  invalid: ['该机构服务的回答不是有效的见证副本，未比对', 'the agency service did not answer with a witness copy: not compared'],
};

type At = NonNullable<Parameters<typeof problem>[4]>;

/** An agency's copy that could not be compared, and why (its status). */
type Uncompared = AgencyCopy & { status: Exclude<AgencyCopy['status'], 'compared'> };

/** A witness record as the problems name it: whose, which number, and where it was found. */
interface RecordName {
  readonly zh: string;
  readonly en: string;
}

const recordName = (w: SourcedProof): RecordName => ({
  zh: `${w.agency} 的第 ${w.sequence} 号见证记录（${w.source === 'store' ? '存储中' : '机构自存副本'}）`,
  en: `${w.agency}'s witness record ${w.sequence} (${w.source === 'store' ? 'in the store' : "the agency's own copy"})`,
});

/** Every problem the witness check reports, with its kind, words (zh, en) and severity, in one table as live/protocol.ts keeps its problems. */
const witnessProblems = {
  unknownKey: (r: RecordName, w: SourcedProof, at: At) =>
    problem('witnesses', 'unknown-key', `${r.zh}所用密钥 ${w.keyId} 不受信任`, `${r.en} uses key ${w.keyId}, not a trusted events key of ${w.agency}`, {
      ...at,
      found: w.keyId,
    }),
  badSignature: (r: RecordName, at: At) => problem('witnesses', 'bad-signature', `${r.zh}的签名无法验证`, `${r.en}: the signature does not verify`, at),
  truncated: (r: RecordName, revision: bigint, last: bigint, at: At) =>
    problem(
      'witnesses',
      'truncated',
      `${r.zh}见证了第 ${revision} 版，但流只到第 ${last} 版：流尾被截断`,
      `${r.en} saw revision ${revision}, but the stream ends at revision ${last}: its tail was cut off`,
      { ...at, expected: revision, found: last },
    ),
  revisionMissing: (r: RecordName, revision: bigint, at: At) =>
    problem(
      'witnesses',
      'revision-missing',
      `${r.zh}见证了第 ${revision} 版，但该版已不在流中`,
      `${r.en} saw revision ${revision}, which is gone from the stream`,
      at,
    ),
  rewritten: (r: RecordName, revision: bigint, hashes: { expected: string; found: string }, at: At) =>
    problem(
      'witnesses',
      'rewritten',
      `${r.zh}见证的第 ${revision} 版哈希与存储的不符：历史被改写`,
      `${r.en} saw another hash at revision ${revision} than the one stored: the history was rewritten`,
      { ...at, ...hashes },
    ),
  missingFromStore: (r: RecordName, at: At) =>
    problem(
      'witnesses',
      'missing-from-store',
      `${r.zh}不在存储的见证流中：存储中的见证记录被删除`,
      `${r.en} is not in the store's witness stream: witness records were removed from the store`,
      at,
    ),
  notYetInStore: (r: RecordName, at: At) =>
    problem('witnesses', 'not-yet-in-store', `${r.zh}尚未写入存储（机构称仍在等待）`, `${r.en} is not in the store yet (the agency says it is pending)`, {
      ...at,
      severity: 'notice',
    }),
  differsFromStore: (r: RecordName, at: At) =>
    problem('witnesses', 'differs-from-store', `${r.zh}与存储中同号记录内容不同`, `${r.en} differs from the store's record of the same number`, at),
  unknownToAgency: (w: SourcedProof) =>
    problem(
      'witnesses',
      'unknown-to-agency',
      `存储中 ${w.agency} 的第 ${w.sequence} 号见证记录不在该机构自存副本中`,
      `the store's witness record ${w.sequence} of ${w.agency} is not in the agency's own copy`,
      { agency: w.agency, source: 'store', severity: 'notice' },
    ),
  notCompared: (copy: Uncompared) => {
    const [zh, en] = NOT_COMPARED[copy.status];
    return problem('witnesses', 'not-compared', zh, copy.detail ? `${en} (${copy.detail})` : en, { agency: copy.agency, severity: 'notice' });
  },
  // The store's witness records are in the hands of whoever could cut the stream: with no agency's
  // own copy to hold against them, "the witnesses agree" would say nothing about the tail.
  noneCompared: () =>
    problem(
      'witnesses',
      'none-compared',
      '未比对任何机构的自存见证副本：只核对了存储中的见证记录，而能截断流尾的人也能删除这些记录——在存储自身见证记录之后的截断将无法发现',
      "no agency's own copy was compared: only the store's witness records were checked, and whoever can cut the stream's tail can delete those too — a truncation after the store's own witness records would go unnoticed",
      { severity: 'notice' },
    ),
  tailUnwitnessed: (from: bigint) =>
    problem(
      'witnesses',
      'tail-unwitnessed',
      `第 ${from} 版起尚无机构见证：这部分若被截断，只能靠签名记录发现`,
      `no agency has witnessed revision ${from} onwards yet: a truncation there shows only through the signature records`,
      { revision: from, severity: 'notice' },
    ),
};

/**
 * Every witness record naming the stream — the store's and each agency's own copy — must be
 * signed by its agency's trusted key and agree with the stream: the revision it saw exists and
 * has the hash it saw. An agency's record the store has lost shows that someone removed it; an
 * agency that could not be asked is reported as not compared, which does not fail the case.
 */
export function checkWitnesses(
  stream: string,
  events: readonly RecordedEvent[],
  witnesses: readonly SourcedProof[],
  copies: readonly AgencyCopy[],
  keys: readonly PublishedKey[],
): { check: WitnessCheck; problems: AuditProblem[] } {
  const problems: AuditProblem[] = [];
  const byRevision = new Map(events.map((e) => [e.revision.toString(), e]));
  const last = events.at(-1)?.revision ?? -1n;
  const inStore = new Map<string, string>();
  for (const w of witnesses) if (w.source === 'store') inStore.set(`${w.agency}:${w.sequence}`, proofDigest(w));
  let witnessed = -1n;

  for (const w of witnesses) {
    const at = { agency: w.agency, source: w.source, revision: w.head.revision };
    const name = recordName(w);
    const key = keys.find((k) => k.agency === w.agency && k.purpose === 'events' && k.keyId === w.keyId);
    if (!key) {
      problems.push(witnessProblems.unknownKey(name, w, at));
      continue;
    }
    if (w.head.stream !== stream || !verifyProof(w, key.publicKey)) {
      problems.push(witnessProblems.badSignature(name, at));
      continue;
    }
    const revision = BigInt(w.head.revision);
    const event = byRevision.get(w.head.revision);
    if (!event) {
      problems.push(revision > last ? witnessProblems.truncated(name, revision, last, at) : witnessProblems.revisionMissing(name, revision, at));
    } else if (event.metadata.hash !== w.head.hash) {
      problems.push(witnessProblems.rewritten(name, revision, { expected: w.head.hash, found: event.metadata.hash }, at));
    } else if (revision > witnessed) {
      witnessed = revision;
    }
    if (w.source === 'agency-copy') {
      const stored = inStore.get(`${w.agency}:${w.sequence}`);
      if (stored === undefined) problems.push(w.inStore ? witnessProblems.missingFromStore(name, at) : witnessProblems.notYetInStore(name, at));
      else if (stored !== proofDigest(w)) problems.push(witnessProblems.differsFromStore(name, at));
    }
  }

  const compared = copies.filter((c) => c.status === 'compared');
  for (const c of compared) {
    const own = new Set(c.proofs.map((p) => p.sequence));
    for (const w of witnesses) {
      if (w.source === 'store' && w.agency === c.agency && !own.has(w.sequence)) problems.push(witnessProblems.unknownToAgency(w));
    }
  }
  const notCompared = copies.filter((c): c is Uncompared => c.status !== 'compared');
  for (const c of notCompared) problems.push(witnessProblems.notCompared(c));
  if (compared.length === 0) problems.push(witnessProblems.noneCompared());
  if (witnessed < last) problems.push(witnessProblems.tailUnwitnessed(witnessed + 1n));
  const failed = problems.some((p) => p.severity === 'failure');
  return {
    check: {
      ok: !failed,
      records: { store: witnesses.filter((w) => w.source === 'store').length, agencyCopies: witnesses.filter((w) => w.source === 'agency-copy').length },
      compared: compared.map((c) => c.agency),
      notCompared: notCompared.map((c) => ({ agency: c.agency, reason: c.status })),
      witnessedRevision: witnessed >= 0n ? witnessed.toString() : null,
    },
    problems,
  };
}
