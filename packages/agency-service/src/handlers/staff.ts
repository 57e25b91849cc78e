import type { StaffRecord } from '@hub/case-domain';
import { requireAssignable, RuleViolation } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { User, UserStore } from '@hub/service-kit';
import type { AssignableUser } from '../wire.js';

/**
 * The agency's people as the 承办人 rules need them (issue 13.5): users live in the service's own
 * database, not in the case, so the service looks the named user up and hands the decider what it
 * found (HandlerFacts).
 */
export interface StaffDirectory {
  /** The user with this id at this agency's service, or null. */
  get(userId: string): Promise<StaffRecord | null>;
  /** Every user of the agency, active or not. */
  list(): Promise<StaffRecord[]>;
}

const recordOf = (u: User): StaffRecord => ({ userId: u.id, displayName: u.displayName, agency: u.agency, roles: u.roles, disabled: u.disabled });

export function staffDirectory(users: UserStore, agency: AgencyId): StaffDirectory {
  return {
    async get(userId) {
      const user = await users.get(userId);
      return user && user.agency === agency ? recordOf(user) : null;
    },
    list: async () => (await users.list(agency)).map(recordOf),
  };
}

/** Who may be named 承办人: the decider's own test (an active liaison of the agency). */
export async function assignableUsers(staff: StaffDirectory, agency: AgencyId): Promise<AssignableUser[]> {
  return (await staff.list())
    .filter((u) => {
      try {
        requireAssignable(u, agency, u.userId);
        return true;
      } catch (error) {
        if (error instanceof RuleViolation) return false;
        throw error;
      }
    })
    .map((u) => ({ userId: u.userId, displayName: u.displayName }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}
