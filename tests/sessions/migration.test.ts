/**
 * Upgrading a device from sessions version 0 (no countsAsUsed, no freeCancelUntil) to 1.
 * The device opens offline with its sessions migrated (stand-ins for the new fields), and
 * once it reaches the server it pulls the collection again from the start, so the server's
 * values replace the stand-ins — also for documents that did not change since its last pull.
 * The device runs the real client/sync code on RxDB's memory storage; its requests go to the
 * in-process server.
 */
import { createRxDatabase, type RxCollectionCreator } from "rxdb";
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPeerloopDatabase, type PeerloopDatabase } from "../../client/sync/database";
import { startSync } from "../../client/sync/replication";
import { defineCollection } from "../../shared/sync/collection";
import { sessions as v1 } from "../../shared/sync/collections/teaching";
import { ISO_TIME_MAX } from "../../shared/sync/fields";
import { collections } from "../../shared/sync/registry";
import { toRxJsonSchema } from "../../shared/sync/rx-schema";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { bookSession, hoursAhead, makeWorld, type World } from "../scheduling/world";
import { createTestApp, type TestApp } from "../support/test-app";

const H = 3_600_000;
const BASE = "http://peerloop.device";
const NEW_FIELDS = ["countsAsUsed", "freeCancelUntil"] as const;

/** The declaration as it was before version 1. */
const v0 = defineCollection({
  name: v1.name,
  version: 0,
  schema: v1.schema.omit({ countsAsUsed: true, freeCancelUntil: true }),
  indexes: v1.indexes,
  indexedMaxLength: { scheduledStart: ISO_TIME_MAX },
  scopeKinds: v1.scopeKinds,
  write: "server",
  conflict: "server-wins",
});

let t: TestApp;
let w: World;
let late: string;
let upcoming: string;

/** The device's network: the in-process app; `oldServer` strips what version 0 lacked. */
function deviceFetch(oldServer: boolean): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await t.app.request(String(input).replace(BASE, ""), init);
    if (!oldServer || !String(input).includes("/sync/sessions/pull")) return res;
    const body = (await res.json()) as { documents: Record<string, unknown>[] };
    for (const d of body.documents) for (const f of NEW_FIELDS) delete d[f];
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  }) as typeof fetch;
}

async function docs(db: { collections: Record<string, unknown> }) {
  // biome-ignore lint/suspicious/noExplicitAny: a v0 or v1 sessions collection
  const found = await (db.collections.sessions as any).find().exec();
  return new Map<string, Record<string, unknown>>(
    found.map((d: { id: string; toJSON(): Record<string, unknown> }) => [d.id, d.toJSON()]),
  );
}

beforeAll(async () => {
  t = await createTestApp("pglite", { SESSION_FREE_CANCEL_HOURS: "24" });
  w = await makeWorld(t, { learners: 1, sessionCount: 3 });
  const l = w.learners[0];
  if (!l) throw new Error("learner");
  const book = (start: Date) => bookSession(t, w, l, start);
  late = await book(hoursAhead(5));
  upcoming = await book(hoursAhead(80));
  await submitRequest(t.deps.db, t.deps.config, l.id, {
    kind: "cancel",
    targetSessionId: late,
    reason: null,
  });
});
afterAll(async () => {
  await t?.close();
});

describe("collection versions", () => {
  it.each(Object.values(collections).map((c) => [c.name, c] as const))(
    "%s: a migration for every version above 0 (RxDB refuses to open without)",
    (_name, decl) => {
      const expected = Array.from({ length: decl.version }, (_, i) => String(i + 1));
      expect(Object.keys(decl.migrations ?? {})).toEqual(expected);
    },
  );
});

describe("sessions schema version 0 → 1 on a device", () => {
  it("migrates offline, then the server's values replace the stand-ins", async () => {
    const token = w.learners[0]?.token ?? "";
    const storage = getRxStorageMemory();
    const name = `upgrade-${Date.now()}`;

    // The device as it was: version 0, synced up to date.
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    await old.addCollections({
      sessions: { schema: toRxJsonSchema(v0) as RxCollectionCreator["schema"] },
    });
    const oldSync = startSync(old as unknown as PeerloopDatabase<"sessions">, {
      baseUrl: BASE,
      getToken: () => token,
      fetch: deviceFetch(true),
      stream: false,
      waitForLeadership: false,
    });
    await oldSync.awaitInSync();
    const before = await docs(old);
    expect([...before.keys()].sort()).toEqual([late, upcoming].sort());
    expect(before.get(late)).not.toHaveProperty("countsAsUsed");
    await oldSync.stop();
    await old.close();

    // The app updates; it opens before any network: migrated, with stand-ins.
    const db = await createPeerloopDatabase({
      name,
      storage,
      collections: ["sessions"],
      multiInstance: false,
    });
    const migrated = await docs(db);
    expect(migrated.get(late)?.status).toBe("cancelled");
    expect(migrated.get(late)?.countsAsUsed).toBe(false);
    const start = Date.parse(String(migrated.get(upcoming)?.scheduledStart));
    expect(Date.parse(String(migrated.get(upcoming)?.freeCancelUntil))).toBe(start - 12 * H);

    // Online again: the whole collection comes again, with the server's values.
    const requests: string[] = [];
    const online = deviceFetch(false);
    const sync = startSync(db, {
      baseUrl: BASE,
      getToken: () => token,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
        requests.push(String(input).replace(BASE, ""));
        return online(input, init);
      }) as typeof fetch,
      stream: false,
      waitForLeadership: false,
    });
    await sync.awaitInSync();
    const now = await docs(db);
    expect(now.get(late)?.countsAsUsed).toBe(true);
    expect(Date.parse(String(now.get(upcoming)?.freeCancelUntil))).toBe(start - 24 * H);
    expect(requests.some((r) => r.startsWith("/sync/sessions/pull?limit"))).toBe(true);
    // Nothing of a server-owned collection is pushed back, and no error is shown.
    expect(requests.filter((r) => r.includes("/push"))).toEqual([]);
    expect(sync.status.lastError).toBeNull();

    // The next start keeps the new checkpoint: no second download from scratch.
    await sync.stop();
    const seen: string[] = [];
    const again = startSync(db, {
      baseUrl: BASE,
      getToken: () => token,
      fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(String(input).replace(BASE, ""));
        return online(input, init);
      }) as typeof fetch,
      stream: false,
      waitForLeadership: false,
    });
    await again.awaitInSync();
    expect(seen.filter((r) => r.includes("/pull")).every((r) => r.includes("checkpoint="))).toBe(
      true,
    );
    await again.stop();
    await db.close();
  });
});
