import { participantsOf } from '@hub/case-domain';
import { agencyIdSchema, agencyIds, LATE_RECORDING_MS, type AgencyId, type CaseEvent } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { audienceColumn, EVERYONE, type Audience } from '../../access.js';
import { maskData } from '../../mask.js';
import { subjectOf } from '../../streams.js';
import { caseFold, type CaseFolded } from '../cases/fold.js';
import { actColumns } from './query.js';

export const TIMELINE = 'timeline';

const statements = statementsPer((db: ReadModelDb) => ({
  insert: db.prepare(`
    INSERT INTO timeline (position, stream, kind, subject_id, revision, event_id, type, recorded_at, agency, user_id, user_name,
                          data, visible_to, addressed_to, hash, prev_hash, occurred_at, delay_ms, via)
    VALUES (@position, @stream, @kind, @subjectId, @revision, @eventId, @type, @recordedAt, @agency, @userId, @userName,
            @data, @visibleTo, @addressedTo, @hash, @prevHash, @occurredAt, @delayMs, @via)`),
  addParticipant: db.prepare('INSERT OR IGNORE INTO case_agencies (case_id, agency) VALUES (?, ?)'),
  rememberLead: db.prepare('INSERT OR REPLACE INTO lead_senders (lead_id, sender) VALUES (?, ?)'),
  leadSender: db.prepare<[string], string>('SELECT sender FROM lead_senders WHERE lead_id = ?').pluck(),
  rememberLetter: db.prepare('INSERT OR REPLACE INTO letter_issuers (letter_id, issuer) VALUES (?, ?)'),
  letterIssuer: db.prepare<[string], string>('SELECT issuer FROM letter_issuers WHERE letter_id = ?').pluck(),
}));

type Statements = ReturnType<typeof statements>;

const asAgency = (value: unknown): AgencyId | undefined => {
  const parsed = agencyIdSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/**
 * Writes down who waits for an answer: a lead's sender and a letter's issuer, which the answering
 * events do not name, so that addresseesOf can find them when the answer comes.
 */
function rememberWhoWaits(event: CaseEvent, s: Statements): void {
  if (event.type === 'LeadTransferred') s.rememberLead.run(event.data.leadId, event.data.from);
  else if (event.type === 'SupervisionLetterIssued') s.rememberLetter.run(event.data.letterId, event.data.issuedBy);
}

/**
 * The agencies an event asks to act or answers: a lead's receiver, then its sender for the
 * answers; a letter's addressee, then its issuer for the reply; everyone the event makes a party
 * (participantsOf) — never the recorder itself. Reads what rememberWhoWaits wrote; writes nothing.
 */
function addresseesOf(event: CaseEvent, recorder: AgencyId | undefined, s: Statements): AgencyId[] {
  const out = new Set<AgencyId>();
  for (const p of participantsOf(event, recorder)) if (p.reason !== 'recorded' && p.reason !== 'opened') out.add(p.agency);
  switch (event.type) {
    case 'LeadAccepted':
    case 'LeadDeclined':
    case 'LeadFeedbackGiven': {
      const sender = asAgency(s.leadSender.get(event.data.leadId));
      if (sender) out.add(sender);
      break;
    }
    case 'SupervisionLetterReplied': {
      const issuer = asAgency(s.letterIssuer.get(event.data.letterId));
      if (issuer) out.add(issuer);
      break;
    }
    default:
      break;
  }
  if (recorder) out.delete(recorder);
  return [...out];
}

/**
 * Every event people look at — case, meeting and warning streams — in store order, with who
 * recorded it, its data with personal fields masked, and who may see it (see access.ts): the
 * case's parties as of this event for a case, everyone for meetings and warnings. The live feed
 * reads this table too, so what a client gets live and what it gets on catch-up are the same rows.
 */
export const timelineProjection = defineProjection({
  name: TIMELINE,
  // 2: when the act happened (occurred_at, delay_ms) and how it came in (via), issue 13.4 and 13.8.
  version: 2,
  fold: caseFold,
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS timeline (
        position     INTEGER PRIMARY KEY,
        stream       TEXT NOT NULL,
        kind         TEXT NOT NULL,
        subject_id   TEXT NOT NULL,
        revision     INTEGER NOT NULL,
        event_id     TEXT NOT NULL,
        type         TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        agency       TEXT,
        user_id      TEXT,
        user_name    TEXT,
        data         TEXT NOT NULL,
        visible_to   TEXT NOT NULL,
        addressed_to TEXT NOT NULL,
        hash         TEXT NOT NULL,
        prev_hash    TEXT,
        occurred_at  TEXT NOT NULL,
        delay_ms     INTEGER NOT NULL,
        via          TEXT
      );
      CREATE INDEX IF NOT EXISTS timeline_by_subject ON timeline (subject_id, position);
      CREATE INDEX IF NOT EXISTS timeline_late ON timeline (delay_ms DESC) WHERE delay_ms > ${LATE_RECORDING_MS};
      CREATE TABLE IF NOT EXISTS case_agencies (case_id TEXT NOT NULL, agency TEXT NOT NULL, PRIMARY KEY (case_id, agency)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS lead_senders (lead_id TEXT PRIMARY KEY, sender TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS letter_issuers (letter_id TEXT PRIMARY KEY, issuer TEXT NOT NULL) WITHOUT ROWID;`);
  },
  apply(db, recorded, folded: CaseFolded | undefined) {
    const subject = subjectOf(recorded.stream);
    if (!subject) return;
    const s = statements(db);
    const recorder = asAgency(recorded.metadata['agency']);
    let audience: Audience = EVERYONE;
    let addressees: readonly AgencyId[] = [];
    if (subject.kind === 'case' && folded) {
      // The case fold parsed the event and knows the parties; the table is for the live feed's queries.
      for (const agency of folded.joined) s.addParticipant.run(subject.id, agency);
      if (folded.event) {
        rememberWhoWaits(folded.event, s);
        addressees = addresseesOf(folded.event, recorder, s);
      }
      audience = folded.agencies;
    } else if (recorded.type === 'JointMeetingScheduled') {
      // A meeting invites every agency; who attended is in JointMeetingHeld.
      addressees = agencyIds.filter((a) => a !== recorder);
    }
    s.insert.run(rowOf(recorded, subject, recorder, audience, addressees));
  },
});

function rowOf(
  recorded: RecordedEvent,
  subject: { kind: string; id: string },
  recorder: AgencyId | undefined,
  audience: Audience,
  addressees: readonly AgencyId[],
) {
  const actor = recorded.metadata['actor'] as { userId?: unknown } | undefined;
  const userName = recorded.metadata['userName'];
  return {
    position: recorded.position,
    stream: recorded.stream,
    kind: subject.kind,
    subjectId: subject.id,
    revision: recorded.revision,
    eventId: recorded.id,
    type: recorded.type,
    recordedAt: recorded.metadata.recordedAt,
    agency: recorder ?? null,
    userId: typeof actor?.userId === 'string' ? actor.userId : null,
    userName: typeof userName === 'string' ? userName : null,
    data: JSON.stringify(maskData(recorded.data)),
    visibleTo: audienceColumn(audience),
    addressedTo: audienceColumn(addressees),
    hash: recorded.metadata.hash,
    prevHash: recorded.metadata.prevHash,
    ...((c) => ({ occurredAt: c.occurred_at, delayMs: c.delay_ms, via: c.via }))(actColumns(recorded.metadata)),
  };
}
