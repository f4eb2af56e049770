/** The demo world's credentials: every type, all genuinely signed, and seeding is idempotent. */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredential } from "../../sync-server/credentials/verify";
import * as s from "../../sync-server/db/schema";
import { seedDemoCredentials } from "../../sync-server/demo/credentials";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

describe.each(databaseKinds())("demo credentials on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("has signed certificates of every type that verify", async () => {
    const certs = await t.deps.db.select().from(s.certificates);
    expect(new Set(certs.map((c) => c.type))).toEqual(
      new Set(["completion", "mastery", "teaching"]),
    );
    for (const c of certs) {
      const v = await verifyCredential(t.deps.db, t.deps.config, c.credential);
      expect([c.id, v.status]).toEqual([c.id, "valid"]);
    }
    const sts = await t.deps.db.select().from(s.studentTeachers);
    const teaching = certs.filter((c) => c.type === "teaching");
    expect(teaching.map((c) => `${c.userId}:${c.courseId}`).sort()).toEqual(
      sts.map((st) => `${st.userId}:${st.courseId}`).sort(),
    );
  });

  it("has a pending, recommended Student-Teacher application", async () => {
    const apps = await t.deps.db
      .select()
      .from(s.teacherApplications)
      .where(eq(s.teacherApplications.status, "pending"));
    expect(apps).toHaveLength(1);
    expect(apps[0]?.recommendedBy).not.toBeNull();
  });

  it("does not add anything when seeded again", async () => {
    const total = async () => {
      const [c] = await t.deps.db.select({ n: count() }).from(s.certificates);
      const [a] = await t.deps.db.select({ n: count() }).from(s.teacherApplications);
      const [r] = await t.deps.db.select({ n: count() }).from(s.certificateRecommendations);
      return [c?.n, a?.n, r?.n];
    };
    const before = await total();
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    await seedDemoCredentials(t.deps.db, t.deps.config);
    expect(await total()).toEqual(before);
  });
});
