/**
 * Certificates travel to the learner's devices inside their profile (so they are there
 * offline) and only ever come from the server: a device cannot create or alter one through
 * sync, and a learner cannot issue one through the API.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import * as s from "../../sync-server/db/schema";
import { pullAll, push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { demoStage, type Stage } from "./fixtures";

describe.each(databaseKinds())("certificates and sync on %s", (kind) => {
  let t: TestApp;
  let stage: Stage;
  /**
   * The user's profile as a device pulls it from scratch, once `ready` holds. A pull serves
   * only changes older than every running transaction in the cluster, so on a Postgres
   * shared with other suites it may answer short for a while: pull again, as a device does.
   */
  // biome-ignore lint/suspicious/noExplicitAny: a document from the wire
  const profileOf = async (token: string, id: string, ready: (doc: any) => boolean) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const doc = (await pullAll(t, token, "profiles", null)).docs.get(id);
      if ((doc && ready(doc)) || Date.now() > deadline) return doc;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    stage = await demoStage(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("brings the learner's certificates to their device inside their profile", async () => {
    const sarah = await stage.user("sarah");
    const rows = await t.deps.db
      .select()
      .from(s.certificates)
      .where(eq(s.certificates.userId, sarah));
    expect(rows.length).toBeGreaterThan(0);
    const mine = await profileOf(
      await stage.token("sarah"),
      sarah,
      (d) => d.certificates.length > 0,
    );
    expect(mine?.certificates.map((c: { id: string }) => c.id).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
    // Revocation reaches the device too.
    const admin = await stage.token("admin");
    const revoked = rows[0]?.id ?? "";
    await t.call("POST", `/api/admin/certificates/${revoked}/revoke`, {
      token: admin,
      body: { reason: "test revocation" },
    });
    const isRevoked = (d: { certificates: { id: string; revokedAt: string | null }[] }) =>
      d.certificates.some((c) => c.id === revoked && c.revokedAt);
    const after = await profileOf(await stage.token("sarah"), sarah, isRevoked);
    const cert = after?.certificates.find((c: { id: string }) => c.id === revoked);
    expect(cert?.revokedAt).toEqual(expect.any(String));
  });

  it("refuses a certificate pushed from a device, and stores nothing", async () => {
    const jordan = await stage.user("demo");
    const token = await stage.token("demo");
    const me = await profileOf(token, jordan, () => true);
    expect(me?.certificates).toEqual([]);
    const course = await stage.course("intro-to-claude-code");
    const forged = {
      id: uuidv7(),
      courseId: course.id,
      type: "completion",
      issuedAt: new Date().toISOString(),
      revokedAt: null,
    };
    const res = await push(t, token, "profiles", [
      { assumedMasterState: me, newDocumentState: { ...me, certificates: [forged] } },
    ]);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("push_rejected");
    expect(res.body.error.details.rejected[0]).toMatchObject({ id: jordan });
    const stored = await t.deps.db
      .select()
      .from(s.certificates)
      .where(eq(s.certificates.userId, jordan));
    expect(stored).toEqual([]);
    const again = await profileOf(token, jordan, () => true);
    expect(again?.certificates).toEqual([]);
    // There is no certificates collection to push to.
    const direct = await push(t, token, "certificates", [{ newDocumentState: forged }]);
    expect([direct.status, direct.body.error.code]).toEqual([404, "unknown_collection"]);
  });

  it("refuses a learner issuing their own certificate through the API", async () => {
    const jordan = await stage.user("demo");
    await stage.completeAllModules("demo", "intro-to-claude-code");
    const course = await stage.course("intro-to-claude-code");
    const res = await t.call("POST", "/api/certificates", {
      token: await stage.token("demo"),
      body: { userId: jordan, courseId: course.id, type: "completion" },
    });
    expect([res.status, res.body.error.code]).toEqual([403, "forbidden"]);
    expect(
      await t.deps.db.select().from(s.certificates).where(eq(s.certificates.userId, jordan)),
    ).toEqual([]);
  });
});
