/**
 * The signed-in user's local database and its sync, opened after sign-in (or at start when
 * a session is stored) and closed on sign-out. The RxDB code lives in a lazily loaded chunk
 * (open-local.ts), so the sign-in and catalog screens never download it.
 *
 * Opening never waits for the network: the app draws from local data at once and the sync
 * status shows the first download while it runs.
 */
import type { PeerloopDatabase, SyncHandle } from "../../sync/index";
import { createStore } from "../lib/store";
import { type Session, session, sessionExpired } from "./session";

export interface Local {
  userId: string;
  db: PeerloopDatabase;
  sync: SyncHandle;
}

export type LocalState =
  | { kind: "none" }
  | { kind: "opening"; userId: string }
  | { kind: "ready"; local: Local }
  | { kind: "failed"; userId: string; message: string };

export const localState = createStore<LocalState>({ kind: "none" });

let opening: Promise<Local | null> | null = null;
let openingFor: string | null = null;

export function dbName(userId: string): string {
  return `peerloop-${userId}`;
}

function open(s: Session): Promise<Local | null> {
  const userId = s.user.id;
  openingFor = userId;
  localState.set({ kind: "opening", userId });
  const p = import("./open-local")
    .then((m) =>
      m.openLocal({
        name: dbName(userId),
        baseUrl: location.origin,
        getToken: () => session.get()?.token ?? null,
        onUnauthorized: () => sessionExpired.set(true),
      }),
    )
    .then(
      ({ db, sync }) => {
        const local: Local = { userId, db, sync };
        if (openingFor !== userId) {
          void sync.stop().then(() => db.close());
          return null;
        }
        localState.set({ kind: "ready", local });
        return local;
      },
      (err: unknown) => {
        if (openingFor === userId) {
          const message = err instanceof Error ? err.message : String(err);
          localState.set({ kind: "failed", userId, message });
        }
        return null;
      },
    );
  opening = p;
  return p;
}

/** Make the local database match the session: open it, switch user, or close it. */
export function followSession(s: Session | null): void {
  if (s && openingFor === s.user.id) return;
  if (openingFor) void closeLocal(false);
  if (s) void open(s);
}

/** Stop sync and close the database; `remove` also deletes its data (sign-out). */
export async function closeLocal(remove: boolean): Promise<void> {
  const p = opening;
  openingFor = null;
  opening = null;
  localState.set({ kind: "none" });
  const local = p ? await p : null;
  if (!local) return;
  await local.sync.stop();
  if (remove) await local.db.remove();
  else await local.db.close();
}

/** The ready database, when there is one (actions call this). */
export function currentLocal(): Local | null {
  const s = localState.get();
  return s.kind === "ready" ? s.local : null;
}
