/**
 * Integration harness: real PeerLoop servers on real ports (PGlite in a temp folder, or a
 * Postgres test database), and simulated devices — an RxDB memory database replicated with
 * client/sync over fetch, with a switch that cuts the device off the network.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { inject } from "vitest";
import { createPeerloopDatabase, type PeerloopDatabase } from "../../client/sync/database";
import { type StartSyncOptions, type SyncHandle, startSync } from "../../client/sync/replication";
import type { CollectionName } from "../../shared/sync/registry";
import { type Database, openDatabase } from "../../sync-server/db/database";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import type { RunningServer } from "../../sync-server/server";
import { startDemoServer } from "../support/demo-server";
import { adminPool, withDatabase } from "../support/postgres-admin";

export type Where = { dataDir: string } | { databaseUrl: string };

/** A fresh, migrated, empty database for servers to share (seeded by the first start). */
export async function freshStore(kind: "pglite" | "postgres"): Promise<{
  where: Where;
  drop(): Promise<void>;
}> {
  if (kind === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), "peerloop-client-"));
    // Start from the migrated dump of the global setup: skips initdb and migrations.
    const dump = readFileSync(inject("pgliteDumpPath"));
    const db = await openDatabase({ dataDir, loadDataDir: new Blob([dump]) });
    await db.close();
    return {
      where: { dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  const template = inject("pgTemplateDb");
  if (!base || !template) throw new Error("TEST_DATABASE_URL is not set");
  const name = `peerloop_c_${randomBytes(6).toString("hex")}`;
  const admin = adminPool(base);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  return {
    where: { databaseUrl: withDatabase(base, name) },
    async drop() {
      // Let closing servers' connections finish first: DROP … WITH (FORCE) terminates the
      // stragglers, and the server's LISTEN client then throws (reported, hub.ts).
      await new Promise((r) => setTimeout(r, 300));
      const a = adminPool(base);
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export function startTestServer(where: Where): Promise<RunningServer> {
  return startDemoServer(where);
}

export async function login(baseUrl: string, handle: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `${handle}@peerloop.demo`, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token) throw new Error(`login ${handle}: ${res.status}`);
  return body.token;
}

/** Where a device's requests go: switchable, so a device can follow a restarted server. */
export interface Device {
  db: PeerloopDatabase;
  sync: SyncHandle;
  /** Cut off (every request fails like a dead network) or back on. */
  setOffline(offline: boolean): void;
  /** Point the device at another server (same user, same token). */
  retarget(baseUrl: string): void;
  /**
   * The next `n` requests whose URL matches reach the server, but their answers are lost
   * (the connection drops on the way back): the device must retry without duplicating.
   */
  loseAnswers(n: number, match: RegExp): void;
  /** Requests sent so far, by method and path. */
  readonly requests: string[];
  /** Answers lost so far by `loseAnswers`. */
  readonly answersLost: number;
  close(): Promise<void>;
}

let deviceCount = 0;

export async function openDevice(opts: {
  baseUrl: string;
  token: string;
  collections?: readonly CollectionName[];
  sync?: Partial<StartSyncOptions>;
}): Promise<Device> {
  let offline = false;
  let target = opts.baseUrl;
  let lose = { n: 0, match: /$^/ };
  let answersLost = 0;
  const requests: string[] = [];
  const logical = "http://peerloop.device";
  // The replication talks to a fixed logical origin (its checkpoints are tied to the base
  // URL); this fetch maps it to whichever real server is current, or fails when offline.
  const deviceFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (offline) throw new TypeError("fetch failed (device offline)");
    const url = String(input).replace(logical, target);
    requests.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
    const res = await fetch(url, init);
    if (lose.n > 0 && lose.match.test(url)) {
      lose.n--;
      answersLost++;
      await res.body?.cancel();
      throw new TypeError("fetch failed (answer lost)");
    }
    return res;
  }) as typeof fetch;
  const db = await createPeerloopDatabase({
    name: `device-${process.pid}-${++deviceCount}-${Date.now()}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
    ...(opts.collections ? { collections: opts.collections } : {}),
  });
  const sync = startSync(db, {
    baseUrl: logical,
    getToken: () => opts.token,
    fetch: deviceFetch,
    retryTime: 200,
    ...opts.sync,
  });
  return {
    db,
    sync,
    setOffline(v) {
      offline = v;
    },
    retarget(url) {
      target = url;
    },
    loseAnswers(n, match) {
      lose = { n, match };
    },
    requests,
    get answersLost() {
      return answersLost;
    },
    async close() {
      await sync.stop();
      await db.close();
    },
  };
}

/** All documents of a local collection, deleted ones excluded, without RxDB meta, by id. */
export async function localDocs(db: PeerloopDatabase, name: CollectionName) {
  // biome-ignore lint/suspicious/noExplicitAny: any collection
  const docs = await (db.collections[name] as any).find().exec();
  const out = new Map<string, Record<string, unknown>>();
  for (const d of docs) out.set(d.id, d.toJSON());
  return out;
}

/** Waits for a condition, polling. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = "condition",
) {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export type { Database };

/** Everything the server gives this user in a collection, pulled from scratch (no RxDB). */
export async function serverDocs(baseUrl: string, token: string, name: CollectionName) {
  const out = new Map<string, Record<string, unknown>>();
  let checkpoint: unknown = null;
  for (;;) {
    const cp = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : "";
    const res = await fetch(`${baseUrl}/sync/${name}/pull?limit=1000${cp}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`pull ${name}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as {
      documents: Record<string, unknown>[];
      checkpoint: unknown;
    };
    for (const d of body.documents) {
      if (d._deleted) out.delete(String(d.id));
      else out.set(String(d.id), d);
    }
    checkpoint = body.checkpoint ?? checkpoint;
    if (body.documents.length < 1000) return out;
  }
}

/** A document as the device stores it: no `_deleted` (RxDB's toJSON drops it). */
export function withoutDeleted(d: Record<string, unknown>) {
  const { _deleted, ...rest } = d;
  return rest;
}
