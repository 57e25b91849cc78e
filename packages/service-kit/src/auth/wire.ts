/**
 * What a service answers at POST /api/session, as plain types: the session routes and the web
 * console (through `@hub/service-kit/wire`, `@hub/agency-service/wire` and `@hub/hub-service/wire`)
 * read them from here. Types only, with nothing behind them but the contracts, so a browser
 * build can take them.
 */
import type { AgencyId, Role } from '@hub/contracts';

/** A user account of one agency, as the service shows it (never the password hash). */
export interface User {
  id: string;
  agency: AgencyId;
  username: string;
  displayName: string;
  roles: Role[];
  createdAt: string;
  disabled: boolean;
}

/** POST /api/session: the session token, when it expires, and who it is for. */
export interface SessionAnswer {
  token: string;
  expiresAt: string;
  user: User;
}
