/**
 * Loads the demo THROUGH the services' HTTP APIs, so every event is validated, decided and
 * signed like real traffic. The services must run with the given ControllableClock: the loader
 * pins it to each act's instant ("40 days ago, 11:00") and releases it afterwards.
 *
 * Idempotent: the services mint case ids, so a demo case is recognised by its opening's
 * fingerprint (opener, channel, category, region, the employers' fictional USCCs, amount, worker
 * count: unique per demo case) among the cases its opening agency already takes part in. Cases
 * found are skipped, so a second run adds nothing and an interrupted run resumes (a case cut off
 * half-way stays as it is). Joint meetings and employer warnings are acts of a case's script, so
 * they load, or are skipped, with their case.
 */
import type { AgencyId, Role } from '@hub/contracts';
import type { AgencyClient } from '../client.js';
import type { ControllableClock } from '../clock.js';
import { chainCases, type DemoCase } from './cases-chain.js';
import { supervisionCases } from './cases-supervision.js';
import { demoAnchor, Scene, type DemoClients } from './script.js';

/** Every demo case, in loading order. */
export const demoCases: readonly DemoCase[] = [...chainCases, ...supervisionCases];

export interface LoadDemoOptions {
  clock: ControllableClock;
  /** Logs in as `role` of `agency` (a Cluster's `login`): joint meetings are held by the secretaries. */
  login: (agency: AgencyId, role: Role) => Promise<AgencyClient>;
  /** Called after each case: loaded (or skipped because it was there), out of the total. */
  onProgress?: (progress: { done: number; total: number; key: string; title: string; skipped: boolean }) => void;
}

export interface DemoLoadResult {
  /** Demo case key → case id, for every demo case now in the store. */
  caseIds: Record<string, string>;
  loaded: number;
  skipped: number;
}

/** The parts of an opening that the case view keeps too. */
interface Opening {
  channel: string;
  category: string;
  region: string;
  employers: readonly { uscc: string }[];
  amountClaimedFen: number;
  workerCount: number;
}

const fingerprint = (agency: string, o: Opening) =>
  [agency, o.channel, o.category, o.region, o.employers.map((e) => e.uscc).join(','), o.amountClaimedFen, o.workerCount].join('|');

/** Fingerprint → case id of every case `agency` opened. */
async function openedBy(clients: DemoClients, agency: AgencyId): Promise<Map<string, string>> {
  const inbox = await clients[agency].inbox<{ cases: { caseId: string; openedBy?: string }[] }>();
  const out = new Map<string, string>();
  for (const c of inbox.cases.filter((c) => c.openedBy === agency)) {
    out.set(fingerprint(agency, await clients[agency].getCase<Opening>(c.caseId)), c.caseId);
  }
  return out;
}

/** The fingerprint of a demo case's first act, found by running its script up to the opening. */
async function openingOf(demo: DemoCase): Promise<string> {
  let opening: string | undefined;
  const probe = { open: (_days: number, agency: AgencyId, body: Opening) => { opening = fingerprint(agency, body); throw STOP; } };
  try {
    await demo.run(probe as unknown as Scene);
  } catch (error) {
    if (error !== STOP) throw error;
  }
  if (!opening) throw new Error(`demo case ${demo.key} opens no case`);
  return opening;
}
const STOP = Symbol('stop after the opening');

export async function loadDemo(clients: DemoClients, options: LoadDemoOptions): Promise<DemoLoadResult> {
  const { clock } = options;
  const openings = await Promise.all(demoCases.map(openingOf));
  const openers = [...new Set(openings.map((o) => o.slice(0, o.indexOf('|')) as AgencyId))];
  const existing = new Map<string, string>();
  for (const agency of openers) for (const [print, caseId] of await openedBy(clients, agency)) existing.set(print, caseId);

  const result: DemoLoadResult = { caseIds: {}, loaded: 0, skipped: 0 };
  const anchor = demoAnchor();
  const secretaries = new Map<AgencyId, Promise<AgencyClient>>();
  // Logged in on the live clock: a session issued at a pinned instant in the past would be expired by the next act.
  const secretary = (agency: AgencyId) => {
    if (!secretaries.has(agency)) {
      clock.release();
      secretaries.set(agency, options.login(agency, 'secretary'));
    }
    return secretaries.get(agency)!;
  };
  try {
    for (const [i, demo] of demoCases.entries()) {
      const found = existing.get(openings[i]!);
      if (found) {
        result.caseIds[demo.key] = found;
        result.skipped++;
      } else {
        const scene = new Scene(clients, clock, anchor, { secretary, caseIds: result.caseIds });
        await demo.run(scene);
        result.caseIds[demo.key] = scene.caseId;
        result.loaded++;
      }
      options.onProgress?.({ done: i + 1, total: demoCases.length, key: demo.key, title: demo.title, skipped: found !== undefined });
    }
  } finally {
    clock.release();
  }
  return result;
}
