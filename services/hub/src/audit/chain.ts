import { recomputeHash, type RecordedEvent } from '@hub/event-store';
import { problem, type AuditProblem } from './problems.js';
import type { ChainCheck } from './wire.js';

export type { ChainCheck };

/**
 * Recomputes every hash and checks every link. Unlike the store's verifyStream it goes on past
 * the first break, so an auditor sees every altered event, not only the first; `brokenAt` still
 * names the first.
 */
export function checkChain(stream: string, events: readonly RecordedEvent[]): { check: ChainCheck; problems: AuditProblem[] } {
  const problems: AuditProblem[] = [];
  let prevHash: string | null = null;
  let expected = 0n;
  for (const event of events) {
    const r = event.revision;
    if (event.stream !== stream) {
      problems.push(
        problem('chain', 'wrong-stream', `第 ${r} 版属于另一条流 ${event.stream}`, `revision ${r} belongs to another stream, ${event.stream}`, {
          revision: r,
          expected: stream,
          found: event.stream,
        }),
      );
    }
    if (r !== expected) {
      problems.push(
        problem(
          'chain',
          'revision-missing',
          `缺少第 ${expected} 版（其后存储的是第 ${r} 版）：事件被删除`,
          `revision ${expected} is missing (the next stored is ${r}): events were deleted`,
          { revision: expected, expected, found: r },
        ),
      );
    }
    if ((event.metadata.prevHash ?? null) !== prevHash) {
      problems.push(
        problem('chain', 'link-broken', `第 ${r} 版的 prevHash 与前一事件的哈希不符`, `revision ${r}: prevHash does not match the previous event's hash`, {
          revision: r,
          expected: prevHash,
          found: event.metadata.prevHash ?? null,
        }),
      );
    }
    let actual: string | null = null;
    try {
      actual = recomputeHash(event);
    } catch (error) {
      problems.push(
        problem(
          'chain',
          'unencodable',
          `第 ${r} 版内容无法编码：${(error as Error).message}`,
          `revision ${r}: content cannot be encoded: ${(error as Error).message}`,
          { revision: r },
        ),
      );
    }
    if (actual !== null && actual !== event.metadata.hash) {
      problems.push(
        problem(
          'chain',
          'hash-mismatch',
          `第 ${r} 版内容与其哈希不符：该事件被改动过`,
          `revision ${r}: content does not match its hash (the event was altered)`,
          // expected: the hash the event carries (what its successor and its signature vouch for); found: the hash of its content now.
          { revision: r, expected: event.metadata.hash, found: actual },
        ),
      );
    }
    // Link to what is stored, so one altered event is reported once, not again at its successor.
    prevHash = event.metadata.hash;
    expected = r + 1n;
  }
  const first = problems[0]?.revision ?? null;
  return {
    check: { ok: problems.length === 0, events: events.length, headHash: events.at(-1)?.metadata.hash ?? null, brokenAt: first },
    problems,
  };
}
