/**
 * Live fan-out: the capture triggers NOTIFY which scopes of which collection changed (ids,
 * never documents: payloads stop at 8 kB). Every server process LISTENs, so devices
 * connected to different processes behind a load balancer all hear every change. Each
 * device connection keeps its user's scopes; a change to the user's rights refreshes them.
 */
import type pg from "pg";
import { type Scope, scopesOf } from "../../shared/sync/scopes";
import type { Database, Db } from "../db/database";
import type { Logger } from "../log";
import { SYNC_CHANNEL } from "./capture/sql";
import { loadUserRights } from "./rights";

interface ChangePayload {
  c: string;
  s?: string[] | null;
  u?: string[] | null;
  all?: boolean;
}

export interface Subscriber {
  userId: string;
  scopes: Set<Scope>;
  /** Tells the device which collections changed; `null` means all of them. */
  notify(collections: string[] | null): void;
  /** Ends the device's stream (its account was disabled). */
  close?: () => void;
}

export class SyncHub {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  get connectedDevices(): number {
    return this.subscribers.size;
  }

  async subscribe(
    userId: string,
    notify: Subscriber["notify"],
    close?: Subscriber["close"],
  ): Promise<() => void> {
    const sub: Subscriber = {
      userId,
      scopes: scopesOf(await loadUserRights(this.db, userId)),
      notify,
      close,
    };
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  /** Users with an open stream in this process, with their number of streams (admin). */
  connectedUsers(): Map<string, number> {
    const byUser = new Map<string, number>();
    for (const sub of this.subscribers) byUser.set(sub.userId, (byUser.get(sub.userId) ?? 0) + 1);
    return byUser;
  }

  /** Ends this process' streams of a user; returns how many were open (admin: disable). */
  disconnectUser(userId: string): number {
    let n = 0;
    for (const sub of [...this.subscribers]) {
      if (sub.userId !== userId) continue;
      this.subscribers.delete(sub);
      sub.close?.();
      n++;
    }
    return n;
  }

  /** Called with each NOTIFY payload from the database. */
  async dispatch(raw: string): Promise<void> {
    let payload: ChangePayload;
    try {
      payload = JSON.parse(raw) as ChangePayload;
    } catch {
      this.log.warn("unreadable sync notification", { raw: raw.slice(0, 200) });
      return;
    }
    const changedScopes = new Set(payload.s ?? []);
    const rightsOf = new Set(payload.u ?? []);
    for (const sub of this.subscribers) {
      if (rightsOf.has(sub.userId)) {
        // The user's rights changed: documents may have arrived or left in any collection.
        sub.scopes = scopesOf(await loadUserRights(this.db, sub.userId));
        sub.notify(null);
      } else if (payload.all || [...sub.scopes].some((s) => changedScopes.has(s))) {
        sub.notify([payload.c]);
      }
    }
  }
}

/** LISTEN on the sync channel with the right driver; returns a function that stops it. */
export async function listenForChanges(
  database: Database,
  onPayload: (payload: string) => void,
  log: Logger,
): Promise<() => Promise<void>> {
  if (database.pglite) {
    const unlisten = await database.pglite.listen(SYNC_CHANNEL, onPayload);
    return unlisten;
  }
  if (!database.pool) throw new Error("no database to listen on");
  const pool = database.pool;
  let client: pg.PoolClient | undefined;
  let stopped = false;
  const connect = async (): Promise<void> => {
    try {
      client = await pool.connect();
      client.on("notification", (msg) => {
        if (msg.channel === SYNC_CHANNEL && msg.payload) onPayload(msg.payload);
      });
      const mine = client;
      mine.on("error", (err) => {
        // After stop() the client is already released (e.g. the database was dropped).
        if (stopped || client !== mine) return;
        log.warn("sync listener lost its connection; reconnecting", { err });
        client = undefined;
        mine.release(true);
        // Devices resync on their own when the stream drops; this process just reconnects.
        setTimeout(() => void connect(), 1000);
      });
      await client.query(`LISTEN ${SYNC_CHANNEL}`);
    } catch (err) {
      log.warn("sync listener could not connect; retrying", { err });
      if (!stopped) setTimeout(() => void connect(), 1000);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    const last = client;
    client = undefined;
    if (last) {
      await last.query(`UNLISTEN ${SYNC_CHANNEL}`).catch(() => {});
      last.release();
    }
  };
}
