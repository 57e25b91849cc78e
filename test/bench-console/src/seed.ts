/**
 * Writes a year (year.ts) into a fresh SQLite store as the services would have: each command goes
 * through the case domain's `decide` and is appended to its case stream with the services'
 * metadata, signed inside the same append by service-kit's `appendSigned` under Ed25519 keys the
 * agencies published to the store first (bench-live's generator does the same for its load). Many
 * cases are written at once, so the store's group commit gathers them into few transactions.
 *
 * Time is simulated over the year before now: the store's clock and the domain's `now` move on
 * together, one step per command, so the lists meet a year of openings, deadlines and overdue items.
 */
import { randomUUID } from 'node:crypto';
import { decide, defaultPolicy, evolve, initialState, type CaseCommand, type CaseState, type DecisionContext } from '@hub/case-domain';
import { commandByPath, commandCatalog, type AgencyId, type CaseEvent } from '@hub/contracts';
import { SqliteEventStore } from '@hub/event-store';
import type { CasePlan } from '../../bench-live/src/plans.js';
import { appendDecided, encryptWorker, publishAgencies } from '../../bench-live/src/rebuild/generate.js';
import { yearPlans, type Liaison, type YearSize } from './year.js';

export interface SeedResult {
  cases: number;
  items: number;
  commands: number;
  events: number;
  ms: number;
  from: string;
  to: string;
}

const YEAR_MS = 365 * 86_400_000;

export async function seedYear(path: string, size: YearSize, log: (line: string) => void = () => {}): Promise<SeedResult> {
  const year = yearPlans(size);
  // The year ends an hour before now: what the services write when they start comes after it.
  const end = Date.now() - 3_600_000;
  const start = end - YEAR_MS;
  const stepMs = YEAR_MS / year.commands;
  let issued = 0;
  const simNow = () => new Date(start + issued * stepMs);
  const store = new SqliteEventStore({ path, durability: 'normal', clock: simNow });
  const agencies = await publishAgencies(store);
  let events = 0;
  const t0 = performance.now();
  let lastLog = t0;

  const handlerFacts = (agency: AgencyId, command: CaseCommand): Pick<DecisionContext, 'handler'> => {
    if (command.type !== 'AssignHandler') return {};
    const user: Liaison | undefined = year.liaisons.get(command.data.userId);
    return {
      handler: {
        participants: new Set([agency]),
        assignee: user ? { ...user, roles: ['liaison'], disabled: false } : null,
        assignedByName: `${agency} 科长`,
      },
    };
  };

  const run = async (agency: AgencyId, caseId: string, command: CaseCommand, state: CaseState, revision: bigint | null) => {
    const now = simNow();
    issued += 1;
    const me = agencies[agency];
    const decided: CaseEvent[] = decide(command, state, {
      now,
      actor: { agency, userId: me.userId, roles: ['liaison'] },
      policy: defaultPolicy,
      ...handlerFacts(agency, command),
    });
    const result = await appendDecided(store, me, agency, caseId, decided, revision);
    events += decided.length;
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`seed: ${issued.toLocaleString('en-US')} / ${year.commands.toLocaleString('en-US')} commands, ${events.toLocaleString('en-US')} events`);
    }
    return { state: decided.reduce(evolve, state), revision: result.nextExpectedRevision };
  };

  const runCase = async (plan: CasePlan) => {
    const caseId = randomUUID();
    const { workers, ...rest } = commandCatalog.OpenCase.input.parse(plan.open(simNow()));
    let at = await run(plan.opener, caseId, { type: 'OpenCase', data: { ...rest, caseId, workers: workers.map(encryptWorker) } }, initialState, null);
    for (const s of plan.steps) {
      const definition = commandByPath.get(s.path)!;
      const command = { type: definition.name, data: definition.input.parse(s.body(simNow())) } as CaseCommand;
      at = await run(s.agency, caseId, command, at.state, at.revision);
    }
  };

  let next = 0;
  const lane = async () => {
    while (next < year.plans.length) await runCase(year.plans[next++]!);
  };
  try {
    await Promise.all(Array.from({ length: 128 }, lane));
  } finally {
    await store.close();
  }
  return {
    cases: year.plans.length,
    items: year.items,
    commands: issued,
    events,
    ms: performance.now() - t0,
    from: new Date(start).toISOString(),
    to: simNow().toISOString(),
  };
}
