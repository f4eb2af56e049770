/**
 * Who is signed in on this device. The session (bearer token and user) is kept in
 * localStorage: the app must know who is signed in when it starts offline, and the sync
 * client sends the token as `Authorization: Bearer` (the server also sets an HttpOnly
 * cookie, but a cookie cannot tell the app *who* it is without asking the server). The
 * trade-off — a script injected into the page could read the token — is contained by
 * loading no third-party scripts; signing out revokes the token on the server.
 */
import type { Me } from "../../../shared/api/auth";
import { api } from "../lib/api";
import { createStore } from "../lib/store";

export interface Session {
  token: string;
  expiresAt: string;
  user: Me;
}

const KEY = "peerloop.session";

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    if (!s?.token || !s.user?.id) return null;
    return s;
  } catch {
    return null;
  }
}

export const session = createStore<Session | null>(load());

/** The server said the token is no longer valid (expired, reset password): sign in again. */
export const sessionExpired = createStore(false);

export function saveSession(s: Session): void {
  localStorage.setItem(KEY, JSON.stringify(s));
  sessionExpired.set(false);
  session.set(s);
}

export function forgetSession(): void {
  localStorage.removeItem(KEY);
  session.set(null);
}

/** Another tab signed in or out: follow it. */
if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => {
    if (e.key === KEY) session.set(load());
  });
}

/**
 * Refresh the stored user from the server when there is a connection; never blocks start-up
 * and keeps the stored user when offline.
 */
export async function refreshMe(): Promise<void> {
  const s = session.get();
  if (!s) return;
  try {
    const { user } = await api<{ user: Me }>("/api/me", { token: s.token });
    const current = session.get();
    if (current?.token === s.token) saveSession({ ...current, user });
  } catch (err) {
    if ((err as { status?: number }).status === 401) sessionExpired.set(true);
  }
}
