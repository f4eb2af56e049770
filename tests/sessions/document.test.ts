/**
 * The synced `sessions` document carries what the PWA needs to decide offline: whether a
 * cancelled session still counts against the course (`countsAsUsed`, the server's
 * `counts_as_used`) and until when cancelling is free (`freeCancelUntil`, from the configured
 * SESSION_FREE_CANCEL_HOURS). Both are the server's: a device pushing them is refused and
 * nothing changes.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions as sessionsDecl } from "../../shared/sync/collections/teaching";
import { sessions } from "../../sync-server/db/schema";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { bookSession, hoursAhead, makeWorld, type World } from "../scheduling/world";
import { pullAll, push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const H = 3_600_000;
const FREE_HOURS = 24; // not the default 12: the deadline must follow the config

describe.each(databaseKinds())("the synced sessions document (%s)", (kind) => {
  let t: TestApp;
  let w: World;
  let late: string;
  let early: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { SESSION_FREE_CANCEL_HOURS: String(FREE_HOURS) });
    w = await makeWorld(t, { learners: 1, sessionCount: 3 });
    const [l] = w.learners;
    if (!l) throw new Error("learner");
    const book = (start: Date) => bookSession(t, w, l, start);
    late = await book(hoursAhead(10)); // inside the 24 h: the learner's cancel counts
    early = await book(hoursAhead(72));
    for (const id of [late, early]) {
      const o = await submitRequest(t.deps.db, t.deps.config, l.id, {
        kind: "cancel",
        targetSessionId: id,
        reason: "Travelling",
      });
      if (o.status !== "confirmed") throw new Error(`cancel declined: ${o.code}`);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const docsFor = async (token: string) => (await pullAll(t, token, "sessions", null)).docs;

  it("says which cancelled session counts as used, for the learner and the teacher alike", async () => {
    for (const who of [w.learners[0], w.teacher]) {
      const docs = await docsFor(who?.token ?? "");
      expect([docs.get(late)?.countsAsUsed, docs.get(early)?.countsAsUsed]).toEqual([true, false]);
      expect(docs.get(late)?.cancelReason).toBe("Travelling");
    }
  });

  it("carries the free-cancellation deadline from the configured hours, valid by its schema", async () => {
    const docs = await docsFor(w.learners[0]?.token ?? "");
    for (const id of [late, early]) {
      const doc = docs.get(id);
      expect(Date.parse(doc?.scheduledStart) - Date.parse(doc?.freeCancelUntil)).toBe(
        FREE_HOURS * H,
      );
      const { _deleted, ...fields } = doc ?? {};
      expect(() => sessionsDecl.schema.parse(fields)).not.toThrow();
    }
  });

  it("refuses a device's countsAsUsed or deadline (server-owned) and changes nothing", async () => {
    const l = w.learners[0];
    const docs = await docsFor(l?.token ?? "");
    const master = docs.get(late);
    const forged = {
      ...master,
      countsAsUsed: false,
      freeCancelUntil: new Date(Date.now() + 100 * H).toISOString(),
    };
    const res = await push(t, l?.token ?? "", "sessions", [
      { assumedMasterState: master, newDocumentState: forged },
    ]);
    expect([res.status, res.body.error.code]).toEqual([403, "push_rejected"]);
    expect(res.body.error.details.rejected[0].code).toBe("server_owned");
    expect(res.body.error.details.rejected[0].master.countsAsUsed).toBe(true);
    const [row] = await t.deps.db.select().from(sessions).where(eq(sessions.id, late));
    expect(row?.countsAsUsed).toBe(true);
    expect((await docsFor(l?.token ?? "")).get(late)).toEqual(master);
  });
});
