import type { RecordedEvent } from '@hub/event-store';
import {
  checkInlineProofs,
  EVENTS_SIGNED,
  parseRevision,
  refusalText,
  signedMessage,
  verifySignature,
  type EventsSignedData,
  type PublishedKey,
  type RefusedKey,
} from '@hub/service-kit';
import { problem, type AuditProblem } from './problems.js';
import type { SignatureCheck } from './wire.js';

export type { SignatureCheck };

export const SIGNATURES_PREFIX = 'signatures-';

/** Whether a stored event is an EventsSigned record about `stream`. */
export function signsStream(event: RecordedEvent, stream: string): boolean {
  return event.type === EVENTS_SIGNED && event.stream.startsWith(SIGNATURES_PREFIX) && (event.data as { stream?: unknown } | null)?.stream === stream;
}

/**
 * The rules of service-kit's verifyStreamSignatures, applied to one snapshot (the events and
 * signature records the audit read and exports) instead of a second read of the store: every
 * event must be covered by a valid signature, with a trusted `events` key, of the agency named
 * in its metadata — the proof in its own append, or for events appended before issue 12.2 an
 * EventsSigned record; every signature record about the stream must verify and match what is stored.
 * A signature over a revision the stream no longer has is reported: it shows a truncation even
 * where no witness saw the head.
 */
export function checkSignatures(
  events: readonly RecordedEvent[],
  records: readonly RecordedEvent[],
  keys: readonly PublishedKey[],
  /** Keys published on the store but not trusted: a signature made with one says why it is refused. */
  refused: readonly RefusedKey[] = [],
): { check: SignatureCheck; problems: AuditProblem[] } {
  const problems: AuditProblem[] = [];
  const byRevision = new Map(events.map((e) => [e.revision, e]));
  const last = events.at(-1)?.revision ?? -1n;
  const covered = new Set<bigint>();
  // Revisions covered by a repair record, and the record that did it (for the notice).
  const repaired = new Map<bigint, { agency: string; at: string; range: string }>();
  const signedAtAppend = new Set<bigint>();
  // Events appended since issue 12.2 carry their proof in their own append (service-kit's event-proof.ts).
  const inline = checkInlineProofs(events, (agency, keyId) => keys.find((k) => k.agency === agency && k.purpose === 'events' && k.keyId === keyId));
  for (const revision of inline.covered.keys()) {
    covered.add(revision);
    signedAtAppend.add(revision);
  }
  for (const p of inline.problems) {
    const at = { agency: p.agency, revision: p.revision };
    if (p.kind === 'unknown-key') {
      const untrusted = refused.find((k) => k.agency === p.agency && k.purpose === 'events' && k.keyId === p.keyId);
      const why = untrusted ? refusalText[untrusted.reason] : null;
      problems.push(
        problem(
          'signatures',
          'unknown-key',
          why
            ? `${p.agency} 在第 ${p.revision} 版所附签名使用的密钥 ${p.keyId} 只在事件存储中发布，${why.zh}：不受信任`
            : `${p.agency} 在第 ${p.revision} 版所附签名使用的密钥 ${p.keyId} 不是其受信任的密钥`,
          why
            ? `${p.agency}'s proof at revision ${p.revision} uses key ${p.keyId}, published only on the event store, which ${why.en}: not trusted`
            : `${p.agency}'s proof at revision ${p.revision} uses key ${p.keyId}, not a trusted events key of ${p.agency}`,
          { ...at, found: p.keyId, ...(untrusted ? { keyId: untrusted.keyId, purpose: 'events' as const } : {}) },
        ),
      );
    } else if (p.kind === 'bad-signature') {
      problems.push(
        problem(
          'signatures',
          'bad-signature',
          `${p.agency} 随第 ${p.range} 版一同写入的签名无法验证`,
          `${p.agency}'s proof over revisions ${p.range}, written with them, does not verify`,
          at,
        ),
      );
    } else {
      const where = p.revision > last ? `流只到第 ${last} 版` : '该版已不在流中';
      const whereEn = p.revision > last ? `the stream ends at revision ${last}` : 'that revision is gone from the stream';
      problems.push(
        problem(
          'signatures',
          'signed-revision-missing',
          `${p.agency} 签署过第 ${p.revision} 版，但${where}`,
          `${p.agency} signed revision ${p.revision}, but ${whereEn}`,
          at,
        ),
      );
    }
  }
  for (const record of records) {
    const agency = record.stream.slice(SIGNATURES_PREFIX.length);
    const d = record.data as Partial<EventsSignedData> | null;
    const from = parseRevision(d?.fromRevision);
    const to = parseRevision(d?.toRevision);
    const at = { agency, ...(from !== null ? { revision: from } : {}) };
    const range = `${String(d?.fromRevision)}..${String(d?.toRevision)}`;
    const key = keys.find((k) => k.agency === agency && k.purpose === 'events' && k.keyId === d?.keyId);
    if (!key) {
      const untrusted = refused.find((k) => k.agency === agency && k.purpose === 'events' && k.keyId === d?.keyId);
      const why = untrusted ? refusalText[untrusted.reason] : null;
      problems.push(
        problem(
          'signatures',
          'unknown-key',
          why
            ? `${agency} 对第 ${range} 版的签名所用密钥 ${untrusted!.keyId} 只在事件存储中发布，${why.zh}：不受信任`
            : `${agency} 对第 ${range} 版的签名所用密钥 ${String(d?.keyId)} 不是其受信任的密钥`,
          why
            ? `${agency}'s signature over revisions ${range} uses key ${untrusted!.keyId}, published only on the event store, which ${why.en}: not trusted`
            : `${agency}'s signature over revisions ${range} uses key ${String(d?.keyId)}, not a trusted events key of ${agency}`,
          { ...at, found: String(d?.keyId), ...(untrusted ? { keyId: untrusted.keyId, purpose: 'events' as const } : {}) },
        ),
      );
      continue;
    }
    const hashes = Array.isArray(d?.hashes) && d.hashes.every((h) => typeof h === 'string') ? d.hashes : null;
    if (
      !hashes ||
      from === null ||
      to === null ||
      to - from + 1n !== BigInt(hashes.length) ||
      typeof d?.signature !== 'string' ||
      !verifySignature(key.publicKey, signedMessage(hashes), d.signature, d.algorithm ?? 'Ed25519')
    ) {
      problems.push(
        problem('signatures', 'bad-signature', `${agency} 对第 ${range} 版的签名无法验证`, `${agency}'s signature over revisions ${range} does not verify`, at),
      );
      continue;
    }
    hashes.forEach((hash, i) => {
      const revision = from + BigInt(i);
      const event = byRevision.get(revision);
      if (!event) {
        const where = revision > last ? `流只到第 ${last} 版` : '该版已不在流中';
        const whereEn = revision > last ? `the stream ends at revision ${last}` : 'that revision is gone from the stream';
        problems.push(
          problem(
            'signatures',
            'signed-revision-missing',
            `${agency} 签署过第 ${revision} 版，但${where}`,
            `${agency} signed revision ${revision}, but ${whereEn}`,
            { agency, revision },
          ),
        );
        return;
      }
      if (event.metadata.hash !== hash || event.metadata['agency'] !== agency) {
        problems.push(
          problem(
            'signatures',
            'hash-mismatch',
            `${agency} 签署的第 ${revision} 版哈希与存储的不符`,
            `${agency} signed another hash for revision ${revision} than the one stored`,
            // expected: what the agency signed; found: what the store holds.
            { agency, revision, expected: hash, found: event.metadata.hash },
          ),
        );
        return;
      }
      covered.add(revision);
      if (d?.repair && typeof d.repair.at === 'string') repaired.set(revision, { agency, at: d.repair.at, range });
      else signedAtAppend.add(revision);
    });
  }
  const later = [...repaired].filter(([revision]) => !signedAtAppend.has(revision));
  for (const [revision, r] of later) {
    // A repair is a valid signature, so it fails nothing; but the auditor must see that the
    // agency signed this event only after a crash had left it unsigned, and when.
    problems.push(
      problem(
        'signatures',
        'signed-later',
        `第 ${revision} 版的签名是 ${r.agency} 事后补签的（于 ${r.at}，补签记录覆盖第 ${r.range} 版）：记录时因崩溃未能签名`,
        `revision ${revision} was signed by ${r.agency} after the fact (at ${r.at}, repair record over revisions ${r.range}): a crash left it unsigned when recorded`,
        { revision, agency: r.agency, severity: 'notice' },
      ),
    );
  }
  for (const event of events) {
    if (covered.has(event.revision)) continue;
    const agency = event.metadata['agency'];
    const who = typeof agency === 'string' ? agency : '（未注明机构）';
    problems.push(
      problem(
        'signatures',
        'unsigned',
        `第 ${event.revision} 版没有 ${who} 的有效签名`,
        `revision ${event.revision} carries no valid signature of ${typeof agency === 'string' ? agency : '(no agency named)'}`,
        { revision: event.revision, ...(typeof agency === 'string' ? { agency } : {}) },
      ),
    );
  }
  // In revision order (the records come in store order), so a reader walks the case front to back.
  const at = (p: AuditProblem) => (p.revision === undefined ? -1n : BigInt(p.revision));
  problems.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
  const ok = problems.every((p) => p.severity === 'notice');
  return { check: { ok, records: records.length, signedEvents: covered.size, signedLater: later.length }, problems };
}
