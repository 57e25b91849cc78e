/**
 * A year of cases as the lists meet them (issue 14.4): the load's case scripts (bench-live's
 * plans.ts) stopped part-way at random so that cases stand at every stage, most assigned to a
 * 承办人, each with a rectification list of its own sized so the year holds the items asked for —
 * some reported, some verified or found not done, the rest still open (many overdue by now).
 */
import { randomUUID } from 'node:crypto';
import type { AgencyId } from '@hub/contracts';
import { seededRandom } from '@hub/scenarios';
import { planFor, type AnyStep, type CasePlan } from '../../bench-live/src/plans.js';

export interface YearSize {
  cases: number;
  items: number;
}

/** A liaison a case can be assigned to: the handler facts the agency's service would read. */
export interface Liaison {
  userId: string;
  displayName: string;
  agency: AgencyId;
}

const GIVEN = ['王芳', '李强', '张敏', '刘洋', '陈静', '杨帆', '赵磊', '黄丽'];

/** Eight liaisons per agency, with ids of their own. */
export function liaisonsOf(agency: AgencyId): Liaison[] {
  return GIVEN.map((displayName) => ({ userId: randomUUID(), displayName, agency }));
}

const DAY = 86_400_000;
const due = (now: Date, days: number): string => new Date(now.getTime() + days * DAY).toISOString();

/** How many items the kept steps of a script order. */
function itemsIn(steps: readonly AnyStep[]): number {
  let n = 0;
  const now = new Date();
  for (const s of steps) if (s.path === 'order-rectification') n += (s.body(now) as { items: unknown[] }).items.length;
  return n;
}

const step = (agency: AgencyId, path: AnyStep['path'], body: (now: Date) => object): AnyStep => ({ agency, path, body }) as AnyStep;

const DESCRIPTIONS = [
  '补发拖欠工资',
  '补缴社会保险费',
  '补签书面劳动合同',
  '退还入职押金',
  '组织职工健康检查',
  '支付加班费',
  '整改工时制度',
  '公示工资支付台账',
];

/** The extra acts of one case: a handler, then a rectification list of `count` items worked on in part (all verified when the case goes on to close). */
function extras(plan: CasePlan, n: number, count: number, closes: boolean, liaisons: Liaison[], roll: () => number): AnyStep[] {
  const agency = plan.opener;
  const out: AnyStep[] = [];
  if (roll() < 0.85) out.push(step(agency, 'assign-handler', () => ({ userId: liaisons[Math.floor(roll() * liaisons.length)]!.userId })));
  if (count === 0) return out;
  const employer = plan.open(new Date()).employers[0]!;
  const items = Array.from({ length: count }, (_, i) => ({
    itemId: randomUUID(),
    days: 5 + Math.floor(roll() * 90),
    description: DESCRIPTIONS[(n + i) % DESCRIPTIONS.length]!,
  }));
  out.push(
    step(agency, 'order-rectification', (now) => ({
      rectificationId: randomUUID(),
      items: items.map((i) => ({
        itemId: i.itemId,
        description: i.description,
        deadline: due(now, i.days),
        responsibleParty: { kind: 'enterprise', name: employer.name, ...(employer.uscc ? { uscc: employer.uscc } : {}) },
      })),
    })),
  );
  const reported = items.filter(() => roll() < 0.4);
  for (const i of reported) out.push(step(agency, 'report-rectification-item', () => ({ itemId: i.itemId, summary: '企业提交整改材料' })));
  if (closes) {
    out.push(
      step(agency, 'do-follow-up', () => ({
        followUpId: randomUUID(),
        results: items.map((i) => ({ itemId: i.itemId, verified: true, findings: '核查属实' })),
      })),
    );
  } else if (roll() < 0.35) {
    const checked = items.filter(() => roll() < 0.6);
    if (checked.length > 0) {
      const results = checked.map((i) => ({ itemId: i.itemId, verified: roll() < 0.75, findings: '回头看核查' }));
      out.push(step(agency, 'do-follow-up', () => ({ followUpId: randomUUID(), results })));
    }
  }
  return out;
}

export interface Year {
  plans: CasePlan[];
  /** Rectification items the plans order in all. */
  items: number;
  /** Every liaison a case may be assigned to, by user id. */
  liaisons: Map<string, Liaison>;
  /** Commands the plans give in all (each opening included). */
  commands: number;
}

/**
 * The year's scripts, in order: four in ten run to their close, the others stop at a random step.
 * Each case's list is sized from what is left of the items over the cases left, so the year holds
 * `size.items` items (a script's own lists count too; a last case never orders fewer than none).
 */
export function yearPlans(size: YearSize, seed = 2026): Year {
  const roll = seededRandom(seed);
  const liaisons = Object.fromEntries((['union', 'procuratorate', 'hr_bureau', 'court'] as const).map((a) => [a, liaisonsOf(a)])) as Record<
    AgencyId,
    Liaison[]
  >;
  const plans: CasePlan[] = [];
  let items = 0;
  for (let n = 0; n < size.cases; n++) {
    const base = planFor(n, roll());
    const closes = roll() < 0.4 && base.steps.at(-1)?.path === 'close-case';
    const kept = closes ? base.steps.slice(0, -1) : base.steps.slice(0, Math.floor(roll() * base.steps.length));
    const own = itemsIn(kept);
    const left = size.items - items;
    const average = left / (size.cases - n);
    const wanted = n === size.cases - 1 ? left : Math.max(0, Math.round(average + (roll() - 0.5) * 6));
    const count = Math.min(500, Math.max(0, wanted - own));
    items += own + count;
    plans.push({ ...base, steps: [...kept, ...extras(base, n, count, closes, liaisons[base.opener], roll), ...(closes ? base.steps.slice(-1) : [])] });
  }
  const directory = new Map(Object.values(liaisons).flatMap((list) => list.map((l) => [l.userId, l] as const)));
  return { plans, items, liaisons: directory, commands: plans.reduce((sum, p) => sum + 1 + p.steps.length, 0) };
}
