/**
 * Loads the demo THROUGH the services' HTTP APIs, so every event is validated, decided and
 * signed like real traffic. The services, and the store, must run with the given
 * ControllableClock: the loader pins it to each act's instant ("40 days ago, 11:00") and releases
 * it afterwards. The cases load side by side in time order (see script.ts), over the last four
 * months or so, so that recordedAt (the store's clock) spreads as the acts do.
 *
 * Idempotent: the services mint case ids, so a demo case is recognised by its opening's
 * fingerprint (opener, channel, category, region, the employers' fictional USCCs, amount, worker
 * count: unique per demo case) among the cases its opening agency already takes part in. Cases
 * found are skipped, so a second run adds nothing and an interrupted run resumes (a case cut off
 * half-way stays as it is). Joint meetings and employer warnings are acts of a case's script, so
 * they load, or are skipped, with their case.
 *
 * recordedAt never goes back in position order: loaded into a store that already holds later
 * events (say, after `pnpm start` was used for a while), the demo's events are all stamped no
 * earlier than the newest of them. Their data (deadlines, dates of acts) keeps its own dates.
 */
import { agencyIds, type AgencyId, type Role } from '@hub/contracts';
import type { AgencyClient } from '../client.js';
import type { ControllableClock } from '../clock.js';
import { chainCases, type DemoCase } from './cases-chain.js';
import { supervisionCases } from './cases-supervision.js';
import { demoTime, Scene, Timeline, type DemoClients } from './script.js';

/** Every demo case; the order breaks ties between acts at the same instant. */
export const demoCases: readonly DemoCase[] = [...chainCases, ...supervisionCases];

export interface LoadDemoOptions {
  clock: ControllableClock;
  /** Logs in as `role` of `agency` (a Cluster's `login`): joint meetings are held by the secretaries. */
  login: (agency: AgencyId, role: Role) => Promise<AgencyClient>;
  /** Called as each case is found (skipped) or done loading: how many so far, out of the total. */
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
  /** The older single form, or the list (issue 13.6): the view has both, a demo opening either. */
  category?: string;
  categories?: readonly string[];
  region: string;
  employers: readonly { name: string; uscc?: string }[];
  amountClaimedFen?: number;
  claimedItems?: readonly { amountFen: number }[];
  workerCount: number;
}

const fingerprint = (agency: string, o: Opening) =>
  [
    agency,
    o.channel,
    (o.categories ?? [o.category]).join('+'),
    o.region,
    o.employers.map((e) => e.uscc ?? e.name).join(','),
    o.amountClaimedFen ?? (o.claimedItems ?? []).reduce((n, i) => n + i.amountFen, 0),
    o.workerCount,
  ].join('|');

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
  // Enough of a Scene to reach the opening: its arguments may name instants and deadlines.
  const time = demoTime();
  const probe = {
    time,
    at: (days: number) => new Date(time.anchor.getTime() + days * 86_400_000),
    today: () => time.now,
    endOfDay: () => time.now.toISOString(),
    open: (_when: unknown, agency: AgencyId, body: Opening) => {
      opening = fingerprint(agency, body);
      throw STOP;
    },
  };
  try {
    await demo.run(probe as unknown as Scene);
  } catch (error) {
    if (error !== STOP) throw error;
  }
  if (!opening) throw new Error(`demo case ${demo.key} opens no case`);
  return opening;
}
const STOP = Symbol('stop after the opening');

/** The name the union's 12351 platform acts under (shown as 系统接口·12351平台). */
export const HOTLINE_ACCOUNT = '12351平台';

/**
 * The union's 12351 hotline platform as a client: its service account (created by the union's
 * admin on the first load, given a fresh key on later ones, since a key is shown only once).
 */
async function hotlinePlatform(options: LoadDemoOptions): Promise<AgencyClient> {
  const admin = await options.login('union', 'admin');
  const { serviceAccounts } = await admin.call<{ serviceAccounts: { id: string; name: string; disabled: boolean }[] }>('GET', '/api/admin/service-accounts');
  const existing = serviceAccounts.find((a) => a.name === HOTLINE_ACCOUNT && !a.disabled);
  const { apiKey } = existing
    ? await admin.call<{ apiKey: string }>('POST', `/api/admin/service-accounts/${existing.id}/keys`)
    : await admin.call<{ apiKey: string }>('POST', '/api/admin/service-accounts', { name: HOTLINE_ACCOUNT, roles: ['liaison'] });
  return admin.withApiKey(apiKey);
}

export async function loadDemo(clients: DemoClients, options: LoadDemoOptions): Promise<DemoLoadResult> {
  const { clock } = options;
  clock.release();
  const openings = await Promise.all(demoCases.map(openingOf));
  const openers = [...new Set(openings.map((o) => o.slice(0, o.indexOf('|')) as AgencyId))];
  const existing = new Map<string, string>();
  for (const agency of openers) for (const [print, caseId] of await openedBy(clients, agency)) existing.set(print, caseId);

  const result: DemoLoadResult = { caseIds: {}, loaded: 0, skipped: 0 };
  const total = demoCases.length;
  const progress = (demo: DemoCase, skipped: boolean) =>
    options.onProgress?.({ done: result.loaded + result.skipped, total, key: demo.key, title: demo.title, skipped });
  const toLoad: { demo: DemoCase; order: number }[] = [];
  for (const [order, demo] of demoCases.entries()) {
    const found = existing.get(openings[order]!);
    if (found === undefined) {
      toLoad.push({ demo, order });
      continue;
    }
    result.caseIds[demo.key] = found;
    result.skipped++;
    progress(demo, true);
  }
  if (toLoad.length === 0) return result;

  // Logged in on the live clock, before anything is pinned: a session issued at a pinned instant
  // in the past would be expired by the next act.
  const secretaries = new Map(await Promise.all(agencyIds.map(async (a) => [a, await options.login(a, 'secretary')] as const)));
  const time = demoTime();
  const timeline = new Timeline(toLoad.length);
  let hotline: Promise<AgencyClient> | undefined;
  const context = {
    secretary: (agency: AgencyId) => secretaries.get(agency)!,
    hotline: () => (hotline ??= hotlinePlatform(options)),
    caseIds: result.caseIds,
    timeline,
  };
  try {
    const runs = toLoad.map(async ({ demo, order }) => {
      try {
        await demo.run(new Scene(demo.key, order, clients, clock, time, context));
      } catch (error) {
        timeline.stop(error instanceof Error ? error : new Error(String(error)));
        throw error;
      } finally {
        timeline.leave();
      }
      result.loaded++;
      progress(demo, false);
    });
    const failed = (await Promise.allSettled(runs)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    clock.release();
  }
  return result;
}
