/** Signing in, up and out. */
import type { Me } from "../../../shared/api/auth";
import { api } from "../lib/api";
import { closeLocal } from "./local";
import { forgetSession, type Session, saveSession, session } from "./session";

type SessionAnswer = { token: string; expiresAt: string; user: Me };

export async function signIn(email: string, password: string): Promise<Session> {
  const s = await api<SessionAnswer>("/api/auth/login", {
    method: "POST",
    body: { email, password },
  });
  saveSession(s); // opens (or reopens) this user's local database: see main.tsx
  return s;
}

export async function signUp(input: {
  email: string;
  password: string;
  name: string;
  handle: string;
}): Promise<Session> {
  const s = await api<SessionAnswer>("/api/auth/register", { method: "POST", body: input });
  saveSession(s);
  return s;
}

/**
 * Stop sync, delete this device's copy of the user's data (a shared computer must not keep
 * it), then end the session on the server. Offline, the server call fails and the token
 * simply expires; everything local is gone either way.
 */
export async function signOut(): Promise<void> {
  const token = session.get()?.token;
  forgetSession();
  await closeLocal(true);
  if (token) {
    await api("/api/auth/logout", { method: "POST", token }).catch(() => {});
  }
}
