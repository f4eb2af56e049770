/**
 * Guarantee 4: what only the server decides cannot be created or changed from a device —
 * each such row is refused with a code and nothing changes — while a device's legitimate
 * writes in the same batch still land (per-row outcome; README "Sync").
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressId } from "../../shared/ids/derived-id";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { queryRows } from "../../sync-server/db/database";
import { enrollments, messages, moduleProgress, users } from "../../sync-server/db/schema";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { login, pullAll, push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

describe.each(databaseKinds())("server authority on %s", (kind) => {
  let t: TestApp;
  let tok = "";
  let me = "";
  // biome-ignore lint/suspicious/noExplicitAny: documents from the wire
  const docsOf = async (collection: string): Promise<any[]> =>
    [...(await pullAll(t, tok, collection, null)).docs.values()].filter((d) => !d._deleted);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    tok = await login(t, "demo@peerloop.demo", DEMO_PASSWORD);
    const [u] = await t.deps.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.handle, "demo"));
    me = u?.id ?? "";
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(["enrollments", "courses", "modules", "sessions"])(
    "refuses any device write to %s",
    async (collection) => {
      const [doc] = await docsOf(collection);
      const tampered = doc ? { ...doc, _deleted: false } : null;
      if (tampered && "status" in tampered)
        tampered.status = tampered.status === "completed" ? "cancelled" : "completed";
      if (tampered && "title" in tampered) tampered.title = "Pwned";
      const rows = tampered ? [{ assumedMasterState: doc, newDocumentState: tampered }] : [];
      if (rows.length === 0) return; // sessions: demo has none yet; the create case below covers it
      const res = await push(t, tok, collection, rows);
      expect([res.status, res.body.error.code]).toEqual([403, "push_rejected"]);
      const [rejection] = res.body.error.details.rejected;
      expect(rejection.code).toBe("server_owned");
      expect(rejection.master).toEqual(doc); // the device is told the server's truth
      expect(await docsOf(collection)).toContainEqual(doc);
    },
  );

  it("refuses creating an enrollment, and creates nothing", async () => {
    const [course] = await queryRows<{ id: string }>(
      t.deps.db,
      sql`select id from courses where slug = 'system-design-interviews'`,
    );
    const fake = {
      id: uuidv7(),
      studentId: me,
      courseId: course?.id,
      studentTeacherId: null,
      status: "enrolled",
      enrolledAt: new Date().toISOString(),
      completedAt: null,
      cancelledAt: null,
      cancelReason: null,
      _deleted: false,
    };
    const res = await push(t, tok, "enrollments", [{ newDocumentState: fake }]);
    expect(res.status).toBe(403);
    expect(res.body.error.details.rejected[0].master._deleted).toBe(true);
    expect(
      await t.deps.db.select().from(enrollments).where(eq(enrollments.id, fake.id)),
    ).toHaveLength(0);
  });

  it("lets a user edit their profile fields but not their role, flags or certificates", async () => {
    const [mine] = (await docsOf("profiles")).filter((p) => p.id === me);
    const ok = await push(t, tok, "profiles", [
      { assumedMasterState: mine, newDocumentState: { ...mine, title: "Curious learner" } },
    ]);
    expect(ok.status).toBe(200);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, me));
    expect(row?.title).toBe("Curious learner");

    const [current] = (await docsOf("profiles")).filter((p) => p.id === me);
    for (const evil of [{ role: "admin" }, { isCreator: true }, { handle: "root" }]) {
      const res = await push(t, tok, "profiles", [
        { assumedMasterState: current, newDocumentState: { ...current, ...evil } },
      ]);
      expect([res.status, res.body.error.details.rejected[0].code]).toEqual([403, "server_owned"]);
    }
    const forgedCert = {
      id: uuidv7(),
      courseId: uuidv7(),
      type: "mastery",
      issuedAt: new Date().toISOString(),
      revokedAt: null,
    };
    const cert = await push(t, tok, "profiles", [
      { assumedMasterState: current, newDocumentState: { ...current, certificates: [forgedCert] } },
    ]);
    expect(cert.body.error.details.rejected[0].code).toBe("server_owned");
    const [after] = await t.deps.db.select().from(users).where(eq(users.id, me));
    expect([after?.role, after?.isCreator, after?.handle]).toEqual(["student", false, "demo"]);
    const certs = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from certificates where user_id = ${me}`,
    );
    expect(certs[0]?.n).toBe(0);
  });

  it("stamps server-set times itself: message createdAt and future progress times", async () => {
    const [conv] = await docsOf("conversations");
    const future = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const id = uuidv7();
    const res = await push(t, tok, "messages", [
      {
        newDocumentState: {
          id,
          conversationId: conv.id,
          senderId: me,
          content: "from the future",
          createdAt: future,
          _deleted: false,
        },
      },
    ]);
    expect(res.status).toBe(200);
    const [row] = await t.deps.db.select().from(messages).where(eq(messages.id, id));
    expect(row?.createdAt.getTime()).toBeLessThanOrEqual(Date.now());

    const [enrollment] = (await docsOf("enrollments")).filter(
      (e) => e.studentId === me && e.status !== "cancelled",
    );
    const [mod] = (await docsOf("modules"))
      .filter((m) => m.courseId === enrollment.courseId)
      .slice(-1);
    const pid = progressId(enrollment.id, mod.id);
    const existing = (await docsOf("progress")).find((p) => p.id === pid);
    const doc = {
      id: pid,
      enrollmentId: enrollment.id,
      moduleId: mod.id,
      isComplete: true,
      completedAt: future,
      uncheckedAt: null,
      updatedAt: future,
      _deleted: false,
    };
    const pr = await push(t, tok, "progress", [
      { assumedMasterState: existing ?? null, newDocumentState: doc },
    ]);
    expect(pr.status).toBe(200);
    const [p] = await t.deps.db.select().from(moduleProgress).where(eq(moduleProgress.id, pid));
    expect(p?.isComplete).toBe(true);
    expect(p?.completedAt?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("refuses a progress row whose id is not derived from its enrollment and module", async () => {
    const [enrollment] = (await docsOf("enrollments")).filter(
      (e) => e.studentId === me && e.status !== "cancelled",
    );
    const [mod] = (await docsOf("modules")).filter((m) => m.courseId === enrollment.courseId);
    const now = new Date().toISOString();
    const doc = {
      id: uuidv7(),
      enrollmentId: enrollment.id,
      moduleId: mod.id,
      isComplete: true,
      completedAt: now,
      uncheckedAt: null,
      updatedAt: now,
      _deleted: false,
    };
    const res = await push(t, tok, "progress", [{ newDocumentState: doc }]);
    expect([res.status, res.body.error.details.rejected[0].code]).toEqual([
      400,
      "invalid_document",
    ]);
    expect(
      await t.deps.db.select().from(moduleProgress).where(eq(moduleProgress.id, doc.id)),
    ).toHaveLength(0);
  });

  it("applies the valid rows of a batch and refuses the bad ones (per-row outcome)", async () => {
    const [conv] = await docsOf("conversations");
    const good = {
      id: uuidv7(),
      conversationId: conv.id,
      senderId: me,
      content: "good row",
      createdAt: new Date().toISOString(),
      _deleted: false,
    };
    const notMine = { ...good, id: uuidv7(), senderId: uuidv7(), content: "spoofed row" };
    const broken = { ...good, id: uuidv7(), content: "", extra: 1 };
    const res = await push(t, tok, "messages", [
      { newDocumentState: good },
      { newDocumentState: notMine },
      { newDocumentState: broken },
    ]);
    expect([res.status, res.body.error.code]).toEqual([400, "push_rejected"]);
    expect(res.body.error.details.applied).toBe(1);
    expect(
      res.body.error.details.rejected.map((r: { id: string; code: string }) => [r.id, r.code]),
    ).toEqual([
      [notMine.id, "forbidden_write"],
      [broken.id, "invalid_document"],
    ]);
    const stored = await queryRows<{ content: string }>(
      t.deps.db,
      sql`select content from messages where id in (${good.id}, ${notMine.id}, ${broken.id})`,
    );
    expect(stored.map((s) => s.content)).toEqual(["good row"]);
  });

  it("treats a repeated push as harmless and a stale one as a conflict", async () => {
    const [conv] = await docsOf("conversations");
    const msg = {
      id: uuidv7(),
      conversationId: conv.id,
      senderId: me,
      content: "once",
      createdAt: new Date().toISOString(),
      _deleted: false,
    };
    expect((await push(t, tok, "messages", [{ newDocumentState: msg }])).status).toBe(200);
    const again = await push(t, tok, "messages", [{ newDocumentState: msg }]);
    expect(again.status).toBe(200);
    expect(again.body.map((d: { id: string }) => d.id)).toEqual([msg.id]); // the server's version, to adopt
    const [n] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from messages where id = ${msg.id}`,
    );
    expect(n?.n).toBe(1);

    const [p] = await docsOf("progress");
    const stale = { ...p, isComplete: !p.isComplete, updatedAt: "2000-01-01T00:00:00.000Z" };
    const res = await push(t, tok, "progress", [
      { assumedMasterState: stale, newDocumentState: { ...stale, uncheckedAt: null } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ ...p, _deleted: false }]);
  });

  it("answers 400 for a body that is not a push batch, and 413 past the size limit", async () => {
    for (const body of [{}, [{ nope: 1 }], [{ newDocumentState: "x" }], "text"]) {
      const res = await push(t, tok, "messages", body as never);
      expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
    }
    const big = await t.call("POST", "/sync/messages/push", {
      token: tok,
      rawBody: `[${"1".repeat(t.deps.config.SYNC_MAX_BODY_BYTES)}]`,
    });
    expect([big.status, big.body.error.code]).toEqual([413, "payload_too_large"]);
    expect((await push(t, tok, "messages", [])).body).toEqual([]);
  });
});

describe("derived ids in the demo world", () => {
  it.each(databaseKinds())(
    "every seeded progress row has the id devices derive (%s)",
    async (kind) => {
      const t = await createTestApp(kind);
      try {
        await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
        const rows = await t.deps.db.select().from(moduleProgress);
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) expect(r.id).toBe(progressId(r.enrollmentId, r.moduleId));
      } finally {
        await t.close();
      }
    },
  );
});
