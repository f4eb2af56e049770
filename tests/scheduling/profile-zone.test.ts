/**
 * A profile's time zone is checked at push the way an availability slot's is: an unknown
 * IANA zone is refused (`invalid_document`) and nothing is stored; a real one is kept.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../sync-server/db/schema";
import { pullAll, push, register } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

describe.each(databaseKinds())("profile time zone (%s)", (kind) => {
  let t: TestApp;
  let me: { id: string; token: string };

  beforeAll(async () => {
    t = await createTestApp(kind);
    me = await register(t, `zone${Math.random().toString(36).slice(2, 8)}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async () =>
    (await t.deps.db.select().from(users).where(eq(users.id, me.id)))[0]?.timezone;
  const pushZone = async (timezone: unknown) => {
    const doc = (await pullAll(t, me.token, "profiles", null)).docs.get(me.id);
    if (!doc) throw new Error("no own profile");
    const { _deleted, ...current } = doc;
    return push(t, me.token, "profiles", [
      { assumedMasterState: doc, newDocumentState: { ...current, timezone } },
    ]);
  };

  it("refuses unknown zones and stores nothing", async () => {
    const before = await stored();
    for (const zone of ["Europe/Atlantis", "Mars/Olympus", "", "UTC+2"]) {
      const res = await pushZone(zone);
      expect([zone, res.status, res.body.error?.code]).toEqual([zone, 400, "push_rejected"]);
      expect(res.body.error.details.rejected[0]).toMatchObject({
        id: me.id,
        code: "invalid_document",
      });
      expect(await stored()).toBe(before);
    }
  });

  it("keeps a real IANA zone", async () => {
    const res = await pushZone("America/New_York");
    expect([res.status, res.body]).toEqual([200, []]);
    expect(await stored()).toBe("America/New_York");
  });
});
