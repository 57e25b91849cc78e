/**
 * The people a cluster needs: one user per role in every agency. Usernames are the role
 * (unique within an agency), display names say who they are in Chinese.
 */
import type { AgencyId, Role } from '@hub/contracts';

/** The password of every demo and test user: long enough for the policy (≥ 10 characters), printed by `pnpm start`. */
export const DEMO_PASSWORD = 'hub-demo-2026';

export const DEMO_ROLES: readonly Role[] = ['liaison', 'auditor', 'secretary', 'admin'];

const agencyZh: Record<AgencyId, string> = { union: '工会', procuratorate: '检察院', hr_bureau: '人社局', court: '法院' };
const roleZh: Record<Role, string> = { liaison: '联络员', auditor: '审计员', secretary: '联席会议秘书', admin: '管理员' };

export interface DemoUser {
  agency: AgencyId;
  username: string;
  displayName: string;
  roles: Role[];
}

/**
 * A second liaison per agency, by a person's name: the demo assigns cases to both (承办人,
 * docs/handlers.md), so "my cases" and the workload per person show something to compare.
 */
const handlerNames: Record<AgencyId, string> = { union: '王芳', procuratorate: '李明', hr_bureau: '赵强', court: '陈静' };

export function demoUsers(agency: AgencyId): DemoUser[] {
  return [
    ...DEMO_ROLES.map((role) => ({ agency, username: role, displayName: `${agencyZh[agency]}${roleZh[role]}`, roles: [role] })),
    { agency, username: 'handler', displayName: handlerNames[agency], roles: ['liaison'] },
  ];
}

/** Whom the demo assigns a case to at `agency` (承办人): the liaison for even cases, the second liaison for odd ones. */
export function demoHandlerName(agency: AgencyId, order: number): string {
  return order % 2 === 0 ? `${agencyZh[agency]}${roleZh.liaison}` : handlerNames[agency];
}

/** What `users.create` and `users.list` need; the service-kit UserStore has both. */
export interface UserDirectory {
  list(agency: AgencyId): Promise<readonly { username: string }[]>;
  create(input: { agency: AgencyId; username: string; displayName?: string; password: string; roles: readonly Role[] }): Promise<unknown>;
}

/** Creates the missing demo users of `agency`; returns how many were created (0 on a later start). */
export async function ensureDemoUsers(users: UserDirectory, agency: AgencyId, password: string = DEMO_PASSWORD): Promise<number> {
  const existing = new Set((await users.list(agency)).map((u) => u.username));
  let created = 0;
  for (const user of demoUsers(agency)) {
    if (existing.has(user.username)) continue;
    await users.create({ agency, username: user.username, displayName: user.displayName, password, roles: user.roles });
    created++;
  }
  return created;
}
