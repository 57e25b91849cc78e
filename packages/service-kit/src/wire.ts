/**
 * What every service answers alike, as plain types: a problem document, and POST /api/session.
 * The service kit and the web console (through `@hub/service-kit/wire`, `@hub/agency-service/wire`
 * and `@hub/hub-service/wire`) read them from here. Types only, with nothing behind them but the
 * contracts, so a browser build can take them.
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
  /** Set by an admin's creation or reset: the next sign-in must first choose a new password. */
  mustChangePassword?: boolean;
}

/** POST /api/session: the session token, when it expires, and who it is for. */
export interface SessionAnswer {
  token: string;
  expiresAt: string;
  user: User;
  /** After signing in with a recovery code: how many are left. */
  recoveryCodesLeft?: number;
  /** After confirming an enrolment: the one-time recovery codes, shown this once. */
  recoveryCodes?: string[];
}

/** POST /api/session/second-factor/enrolment: the secret, shown this once. */
export interface SecondFactorEnrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** RFC 7807 problem document, with `detailEn` beside the zh-CN `detail`, and any extensions. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  detailEn: string;
  instance?: string;
  [extension: string]: unknown;
}

// The security log's entries and the words for its kinds (a module with no imports at all).
export type { SecurityActor, SecurityEntry, SecurityKind, SecurityOutcome } from './security-log/kinds.js';
export { SECURITY_KINDS, SECURITY_OUTCOMES } from './security-log/kinds.js';
