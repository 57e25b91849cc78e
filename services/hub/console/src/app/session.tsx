/**
 * Who is signed in. A session is a token from the user's own agency service (any agency's
 * session works at the hub); it lives in sessionStorage, so each tab signs in for itself and
 * closing the browser signs out. When it expires, or the server refuses it, the user is sent to
 * the sign-in page with the reason, and comes back where they were.
 */
import type { AgencyId, Role } from '@hub/contracts';
import type { SessionAnswer, SessionUser as UserAnswer } from '@hub/hub-service/wire';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { agencyApi, type ApiError, auth } from './api.ts';
import type { Label } from './i18n.tsx';

/** Who the tab's session is for: what the console reads of the agency service's user (POST /api/session). */
export type SessionUser = Readonly<Pick<UserAnswer, 'id' | 'agency' | 'username' | 'displayName' | 'roles'>>;

/** The tab's session, as kept in sessionStorage: the sign-in answer's token, expiry and user. */
export type Session = Readonly<Pick<SessionAnswer, 'token' | 'expiresAt'>> & { readonly user: SessionUser };

interface SessionState {
  readonly session: Session | null;
  /** Why the last session ended without the user signing out (expired, refused). */
  readonly ended: Label | null;
  signIn(agency: AgencyId, username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const STORAGE_KEY = 'hub.session';
/** Why the tab's last session ended, kept so that a reload still tells the person why. */
const ENDED_KEY = 'hub.session.ended';
const EXPIRED: Label = { zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' };

/** The tab's session, if still valid; a stored one that ran out while the tab was away says so. */
function stored(): { session: Session | null; ended: Label | null } {
  let session: Session | null = null;
  try {
    session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
  } catch {
    // unreadable: start signed out
  }
  if (session && Date.parse(session.expiresAt) > Date.now()) return { session, ended: null };
  sessionStorage.removeItem(STORAGE_KEY);
  return { session: null, ended: session ? EXPIRED : endedBefore() };
}

function endedBefore(): Label | null {
  try {
    const reason = JSON.parse(sessionStorage.getItem(ENDED_KEY) ?? 'null') as Label | null;
    return reason && typeof reason.zh === 'string' && typeof reason.en === 'string' ? { zh: reason.zh, en: reason.en } : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [initial] = useState(stored);
  const [session, setSession] = useState<Session | null>(initial.session);
  const [ended, setEnded] = useState<Label | null>(initial.ended);
  auth.token = session?.token ?? null;

  const end = useCallback((reason: Label | null) => {
    sessionStorage.removeItem(STORAGE_KEY);
    if (reason) sessionStorage.setItem(ENDED_KEY, JSON.stringify(reason));
    else sessionStorage.removeItem(ENDED_KEY);
    auth.token = null;
    setSession(null);
    setEnded(reason);
  }, []);

  useEffect(() => {
    auth.onUnauthorized = (error: ApiError) => end(error.label);
  }, [end]);

  // Expiry while the page is open: end the session the moment it runs out.
  useEffect(() => {
    if (!session) return;
    const ms = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => end(EXPIRED), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, end]);

  const signIn = useCallback(async (agency: AgencyId, username: string, password: string) => {
    const answer = await agencyApi<SessionAnswer>(agency, '/session', { body: { username, password }, anonymous: true });
    const next: Session = { token: answer.token, expiresAt: answer.expiresAt, user: answer.user };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    sessionStorage.removeItem(ENDED_KEY);
    auth.token = next.token;
    setEnded(null);
    setSession(next);
  }, []);

  const signOut = useCallback(async () => {
    if (session) {
      try {
        await agencyApi(session.user.agency, '/session', { method: 'DELETE' });
      } catch {
        // already gone: signing out locally is what matters
      }
    }
    end(null);
  }, [session, end]);

  const value = useMemo(() => ({ session, ended, signIn, signOut }), [session, ended, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in session; for pages behind RequireSession. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}

export const hasRole = (session: Session, ...roles: Role[]) => roles.some((r) => session.user.roles.includes(r));
