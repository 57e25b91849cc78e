/**
 * Numbering the cases an agency opened before case numbers existed: a one-off, in the order the
 * cases were opened (their global position), each in the year it was opened (Asia/Shanghai, by
 * the store's recordedAt). Run it once after the upgrade and before the services take new cases
 * (cli/number-cases.ts), so that old cases come first in their year; it is idempotent (a case
 * already numbered is left alone, a number already issued to a case is reused), so running it
 * again, or after a crash, numbers only what is still unnumbered.
 *
 * Each number is issued to the case in the register (without an opening to complete: the case
 * exists) and CaseNumberAssigned is appended to the case's stream, expecting its head, marked
 * `metadata.numberedAfterOpening: true` so the timeline and audits show it came later.
 */
import { caseStream } from '@hub/case-domain';
import { currentVersions, readCatalogEvent, type AgencyId, type Category, type Channel } from '@hub/contracts';
import { WrongExpectedRevision, type EventStore } from '@hub/event-store';
import { appendProven, readHead, type Signer } from '@hub/service-kit';
import type { NumberRegister } from '../register/index.js';
import { caseNumberParts, type CaseNumberSettings } from './pattern.js';
import { caseNumberAssignedEvent, caseRegister, numberingYear, numberRecordOf } from './opening.js';

export interface BackfillEnv {
  readonly agency: AgencyId;
  readonly store: EventStore;
  readonly signer: Signer;
  readonly register: NumberRegister;
  readonly caseNumbers: CaseNumberSettings;
}

export interface NumberedCase {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly openedAt: string;
}

/** Who appends the numbers of old cases: the agency's service itself, not a person. */
export const BACKFILL_USER = 'system:case-numbering';

export async function numberOldCases(env: BackfillEnv, onNumbered: (numbered: NumberedCase) => void = () => undefined): Promise<NumberedCase[]> {
  const { agency, store } = env;
  const numbered = new Set<string>();
  const opened: { caseId: string; recordedAt: string; region: string; channel: Channel; category: Category }[] = [];
  for await (const recorded of store.readAll({ filter: { streamPrefix: 'case-', eventTypes: ['CaseOpened', 'CaseNumberAssigned'] } })) {
    const event = readCatalogEvent(recorded);
    if (event.type === 'CaseNumberAssigned') numbered.add(event.data.caseId);
    else if (event.type === 'CaseOpened' && event.data.openedBy === agency) {
      const { caseId, region, channel, category } = event.data;
      opened.push({ caseId, region, channel, category, recordedAt: recorded.metadata.recordedAt });
    }
  }
  const done: NumberedCase[] = [];
  for (const c of opened) {
    if (numbered.has(c.caseId)) continue;
    const year = numberingYear(new Date(c.recordedAt));
    const parts = caseNumberParts(env.caseNumbers, year, c);
    const issued = await env.register.issueNumber({
      ...caseRegister(agency, year),
      subject: c.caseId,
      record: { parts: { ...parts } },
      metadata: { actor: { agency, userId: BACKFILL_USER } },
    });
    const held = numberRecordOf(issued).parts;
    const metadata = { schemaVersion: currentVersions.CaseNumberAssigned, agency, actor: { agency, userId: BACKFILL_USER }, numberedAfterOpening: true };
    const event = caseNumberAssignedEvent(issued, held, metadata);
    const stream = caseStream(c.caseId);
    for (let attempt = 0; ; attempt++) {
      try {
        await appendProven(store, agency, env.signer, stream, [event], await readHead(store, stream));
        break;
      } catch (error) {
        // Another act on the case landed meanwhile: read its head again.
        if (!(error instanceof WrongExpectedRevision) || attempt >= 20) throw error;
      }
    }
    const result = { caseId: c.caseId, caseNumber: (event.data as { caseNumber: string }).caseNumber, openedAt: c.recordedAt };
    done.push(result);
    onNumbered(result);
  }
  return done;
}
