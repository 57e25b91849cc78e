/**
 * Issuing a letter as a document (issue 13.3): after the decider has accepted the letter, the
 * agency's register issues its 文号 (one register per agency, kind and year; the letter's id is
 * the subject, so a retried issuance gets the same number), the PDF is rendered from the event's
 * data and the agency's settings, and the number and the document's proof (SHA-256, size) go into
 * the SupervisionLetterIssued that the one command handler then signs and appends.
 *
 * A letter whose number the client gives (documentNo) was numbered outside the hub (a paper
 * letter): it is recorded as before, without a document.
 */
import type { OpenedCase } from '@hub/case-domain';
import { categories, type AgencyId, type LetterDocument, type LetterKind, type Party } from '@hub/contracts';
import { documentNumber, letterTitle, shanghaiYear, type RenderedLetter } from '@hub/letters';
import type { Decided } from '../commands/handle.js';
import type { NumberRegister } from '../register/index.js';
import type { LetterPrinter } from './printer.js';
import { prefixFor, type LetterSettings } from './settings.js';

export interface LetterIssuer {
  readonly register: NumberRegister;
  readonly settings: LetterSettings;
  readonly printer: LetterPrinter;
  readonly clock: () => Date;
}

interface IssuedLetterData {
  readonly letterId: string;
  readonly kind: LetterKind;
  readonly issuedBy: AgencyId;
  readonly addressee: Party;
  readonly documentNo?: string;
  readonly summary: string;
  readonly replyDueAt: string;
  readonly urgent: boolean;
  readonly document?: LetterDocument;
}

/** The matter a title names: the case's employers and its category (关于…问题的提示函). */
export function letterMatter(state: OpenedCase): string {
  const [first] = state.employers;
  const employers = first === undefined ? '' : state.employers.length > 1 ? `${first.name}等${state.employers.length}家企业` : first.name;
  return `${employers}${categories.labels[state.category].zh}问题`;
}

/**
 * Completes a decided SupervisionLetterIssued (no documentNo yet) with its register number and
 * document; other events pass. The letter is dated (成文日期) when the act happened (`occurredAt`,
 * issue 13.4: a letter handed over yesterday and recorded today is dated yesterday), and its 文号
 * comes from that year's register; without it, now.
 */
export async function completeLetter(
  issuer: LetterIssuer,
  caseId: string,
  state: OpenedCase,
  events: readonly Decided[],
  occurredAt?: Date,
): Promise<{ events: Decided[]; rendered: RenderedLetter | null }> {
  let rendered: RenderedLetter | null = null;
  const out: Decided[] = [];
  for (const event of events) {
    const data = event.data as IssuedLetterData;
    if (event.type !== 'SupervisionLetterIssued' || data.documentNo !== undefined) {
      out.push(event);
      continue;
    }
    const issuedAt = (occurredAt ?? issuer.clock()).toISOString();
    const year = shanghaiYear(issuedAt);
    const number = await issuer.register.issueNumber({
      issuer: data.issuedBy,
      kind: data.kind,
      year,
      subject: data.letterId,
      record: { caseId, letterId: data.letterId },
    });
    const documentNo = documentNumber(prefixFor(issuer.settings, data.kind), year, number.sequence);
    const issuerName = issuer.settings.issuerName;
    const title = letterTitle(issuerName, data.kind, letterMatter(state));
    rendered = await issuer.printer.print({
      kind: data.kind,
      documentNo,
      issuerName,
      title,
      addressee: data.addressee.name,
      body: data.summary,
      replyDueAt: data.replyDueAt,
      urgent: data.urgent,
      issuedAt,
      caseNumber: state.caseNumber,
    });
    const document: LetterDocument = {
      issuerName,
      title,
      issuedAt,
      sha256: rendered.sha256,
      size: rendered.size,
      pages: rendered.pages,
      // The PDF names the case by it; kept in the event so the PDF renders again from the event alone.
      ...(state.caseNumber === undefined ? {} : { caseNumber: state.caseNumber }),
    };
    out.push({ type: event.type, data: { ...data, documentNo, document } });
  }
  return { events: out, rendered };
}
