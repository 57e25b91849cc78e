/**
 * Who is signed in. A session is a token from the user's own agency service (any agency's
 * session works at the hub). One sign-in serves the whole browser: each tab keeps the session in
 * its own sessionStorage (so a reload keeps it), and the tabs of the console tell each other over
 * a BroadcastChannel. A tab opened without one (Ctrl-click, a pasted link) asks the open tabs and
 * starts signed in; a sign-in in one tab reaches the others; signing out, an expiry or a session
 * the server refuses ends it in every tab at once, each sent to the sign-in page with the reason.
 * The token is never written to localStorage or a cookie: closing the browser still signs out.
 * Why this design: README, "The web console" → "One sign-in per browser".
 */
import type { AgencyId, Role } from '@hub/contracts';
import type { SecondFactorEnrolment, SessionAnswer, SessionUser as UserAnswer } from '@hub/hub-service/wire';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { agencyApi, type ApiError, auth } from './api.ts';
import type { Label } from './i18n.tsx';
import { closeBrowserLiveClient } from './live.ts';

/** Who the session is for: what the console reads of the agency service's user (POST /api/session). */
export type SessionUser = Readonly<Pick<UserAnswer, 'id' | 'agency' | 'username' | 'displayName' | 'roles'>>;

/** The session, as kept in each tab's sessionStorage: the sign-in answer's token, expiry and user. */
export type Session = Readonly<Pick<SessionAnswer, 'token' | 'expiresAt'>> & { readonly user: SessionUser };

export type SecondFactorGiven = { readonly code: string } | { readonly recoveryCode: string };

interface SessionState {
  readonly session: Session | null;
  /** Why the last session ended without the user signing out in this tab (expired, refused, signed out in another tab). */
  readonly ended: Label | null;
  /** True for a moment after a tab opens without a session, while it asks the other tabs for theirs. */
  readonly resolving: boolean;
  /**
   * With `newPassword`: the change a first sign-in (or an expired password) asks for, then signed
   * in. `secondFactor`: the authenticator app's code or a recovery code, when the person has one.
   * Answers how many recovery codes are left after one was used.
   */
  signIn(agency: AgencyId, username: string, password: string, newPassword?: string, secondFactor?: SecondFactorGiven): Promise<{ recoveryCodesLeft?: number }>;
  /** Starts setting up the second factor: the secret, its URI and QR code, shown this once. */
  startEnrolment(agency: AgencyId, username: string, password: string): Promise<SecondFactorEnrolment>;
  /** Confirms it with a code: the recovery codes to show, and `enter` to take the session once they are noted. */
  confirmEnrolment(agency: AgencyId, username: string, password: string, code: string): Promise<{ recoveryCodes: string[]; enter: () => void }>;
  signOut(): Promise<void>;
}

const STORAGE_KEY = 'hub.session';
/** Why the tab's last session ended, kept so that a reload still tells the person why. */
const ENDED_KEY = 'hub.session.ended';
/**
 * Until when some tab of this browser holds a session (its expiry, never the token), so that a tab
 * opened when none does goes straight to the sign-in page instead of waiting for an answer.
 */
const OPEN_KEY = 'hub.session.open';
const CHANNEL = 'hub.session';
/** How long a new tab waits for an open tab to hand over the session. */
const HANDOFF_MS = 500;

const EXPIRED: Label = { zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' };
export const SIGNED_OUT_ELSEWHERE: Label = { zh: '已在另一个标签页退出登录', en: 'You signed out in another tab' };

/** What the tabs say to each other. The token goes only to pages of this origin, which could read sessionStorage anyway. */
type TabMessage =
  | { readonly type: 'ask' }
  | { readonly type: 'session'; readonly session: Session; readonly fresh: boolean }
  | { readonly type: 'ended'; readonly token: string; readonly reason: Label | null };

function validSession(value: unknown): Session | null {
  const s = value as Partial<Session> | null;
  if (!s || typeof s !== 'object' || typeof s.token !== 'string' || typeof s.expiresAt !== 'string') return null;
  const user = s.user as Partial<SessionUser> | undefined;
  if (!user || typeof user.agency !== 'string' || typeof user.username !== 'string' || !Array.isArray(user.roles)) return null;
  return Date.parse(s.expiresAt) > Date.now() ? (s as Session) : null;
}

function validLabel(value: unknown): Label | null {
  const l = value as Partial<Label> | null;
  return l && typeof l === 'object' && typeof l.zh === 'string' && typeof l.en === 'string' ? { zh: l.zh, en: l.en } : null;
}

function readJson(storage: Storage, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null; // unreadable: as if absent
  }
}

/** Whether another tab may hold a session worth asking for. */
function someTabSignedIn(): boolean {
  const until = Date.parse(localStorage.getItem(OPEN_KEY) ?? '');
  return Number.isFinite(until) && until > Date.now() && typeof BroadcastChannel === 'function';
}

/** The tab's session, if still valid; a stored one that ran out while the tab was away says so. */
function stored(): { session: Session | null; ended: Label | null } {
  const raw = readJson(sessionStorage, STORAGE_KEY);
  const session = validSession(raw);
  if (session) return { session, ended: null };
  sessionStorage.removeItem(STORAGE_KEY);
  return { session: null, ended: raw ? EXPIRED : validLabel(readJson(sessionStorage, ENDED_KEY)) };
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [initial] = useState(stored);
  const [session, setSession] = useState<Session | null>(initial.session);
  const [ended, setEnded] = useState<Label | null>(initial.ended);
  const [resolving, setResolving] = useState(() => !initial.session && someTabSignedIn());
  const channel = useRef<BroadcastChannel | null>(null);
  const current = useRef<Session | null>(session);
  current.current = session;
  auth.token = session?.token ?? null;

  const tell = useCallback((message: TabMessage) => {
    try {
      channel.current?.postMessage(message);
    } catch {
      // the channel is closed (the page is going away): nothing to tell
    }
  }, []);

  /** Takes a session as this tab's own (signed in here, or handed over by another tab). */
  const adopt = useCallback((next: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    sessionStorage.removeItem(ENDED_KEY);
    localStorage.setItem(OPEN_KEY, next.expiresAt);
    auth.token = next.token;
    current.current = next;
    setEnded(null);
    setResolving(false);
    setSession(next);
  }, []);

  /** Ends the session in this tab; `spread` tells the other tabs to end it too. */
  const end = useCallback(
    (reason: Label | null, spread: boolean) => {
      const token = current.current?.token;
      sessionStorage.removeItem(STORAGE_KEY);
      if (reason) sessionStorage.setItem(ENDED_KEY, JSON.stringify(reason));
      else sessionStorage.removeItem(ENDED_KEY);
      localStorage.removeItem(OPEN_KEY);
      // The live socket belongs to the session: close it, so its 4401 cannot end the next one.
      closeBrowserLiveClient();
      auth.token = null;
      current.current = null;
      setSession(null);
      setEnded(reason);
      if (spread && token) tell({ type: 'ended', token, reason: reason ?? SIGNED_OUT_ELSEWHERE });
    },
    [tell],
  );

  // The other tabs of this console: hand over the session, follow their sign-ins and sign-outs.
  useEffect(() => {
    if (typeof BroadcastChannel !== 'function') return;
    const bc = new BroadcastChannel(CHANNEL);
    channel.current = bc;
    bc.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (!message || typeof message !== 'object') return;
      const mine = current.current;
      if (message.type === 'ask') {
        if (mine && validSession(mine)) tell({ type: 'session', session: mine, fresh: false });
      } else if (message.type === 'session') {
        const offered = validSession(message.session);
        if (!offered || offered.token === mine?.token) return;
        // A tab without a session takes the one handed over; a new sign-in replaces any other.
        if (!mine || message.fresh) adopt(offered);
      } else if (message.type === 'ended') {
        if (mine && message.token === mine.token) end(validLabel(message.reason) ?? SIGNED_OUT_ELSEWHERE, false);
      }
    };
    if (!current.current) tell({ type: 'ask' });
    return () => {
      bc.close();
      if (channel.current === bc) channel.current = null;
    };
  }, [tell, adopt, end]);

  // No tab answered in time: this tab is signed out.
  useEffect(() => {
    if (!resolving) return;
    const timer = setTimeout(() => setResolving(false), HANDOFF_MS);
    return () => clearTimeout(timer);
  }, [resolving]);

  useEffect(() => {
    auth.onUnauthorized = (error: ApiError, token?: string | null) => {
      // A refusal of a session this tab no longer holds (signed out, replaced) changes nothing.
      const mine = current.current;
      if (!mine || (token != null && token !== mine.token)) return;
      end(error.label, true);
    };
  }, [end]);

  // Expiry while the page is open: end the session the moment it runs out (every tab has its own timer).
  useEffect(() => {
    if (!session) return;
    const ms = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => end(EXPIRED, false), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, end]);

  const enter = useCallback(
    (answer: SessionAnswer) => {
      const next: Session = { token: answer.token, expiresAt: answer.expiresAt, user: answer.user };
      adopt(next);
      tell({ type: 'session', session: next, fresh: true });
    },
    [adopt, tell],
  );

  const signIn = useCallback(
    async (agency: AgencyId, username: string, password: string, newPassword?: string, secondFactor?: SecondFactorGiven) => {
      const body = { username, password, ...(secondFactor ?? {}) };
      const answer =
        newPassword === undefined
          ? await agencyApi<SessionAnswer>(agency, '/session', { body, anonymous: true })
          : await agencyApi<SessionAnswer>(agency, '/session/password', { body: { ...body, newPassword }, anonymous: true });
      enter(answer);
      return answer.recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft: answer.recoveryCodesLeft };
    },
    [enter],
  );

  const startEnrolment = useCallback(
    (agency: AgencyId, username: string, password: string) =>
      agencyApi<SecondFactorEnrolment>(agency, '/session/second-factor/enrolment', { body: { username, password }, anonymous: true }),
    [],
  );

  const confirmEnrolment = useCallback(
    async (agency: AgencyId, username: string, password: string, code: string) => {
      const answer = await agencyApi<SessionAnswer>(agency, '/session/second-factor', { body: { username, password, code }, anonymous: true });
      return { recoveryCodes: answer.recoveryCodes ?? [], enter: () => enter(answer) };
    },
    [enter],
  );

  const signOut = useCallback(async () => {
    // Every tab lets go first, then the server is told: so no tab hears of the revocation from the
    // server (its live feed closing with 4401) and says the session was ended by someone else.
    end(null, true);
    if (session) {
      try {
        await agencyApi(session.user.agency, '/session', { method: 'DELETE', token: session.token });
      } catch {
        // already gone: signing out in every tab is what matters
      }
    }
  }, [session, end]);

  const value = useMemo(
    () => ({ session, ended, resolving, signIn, signOut, startEnrolment, confirmEnrolment }),
    [session, ended, resolving, signIn, signOut, startEnrolment, confirmEnrolment],
  );
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
