/**
 * Following a course: idempotent on and off, refused for unknown or unpublished courses, and
 * visible on the user's devices — the course document arrives (not its modules) and leaves
 * again on unfollow.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../sync-server/db/database";
import { courseFollows } from "../../sync-server/db/schema";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { pullAll } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const SLUG = "system-design-interviews";

describe.each(databaseKinds())("following courses on %s", (kind) => {
  let t: TestApp;
  let token = "";
  let userId = "";
  const path = (slug: string) => `/api/courses/${slug}/follow`;
  const liveFollows = async () =>
    t.deps.db
      .select()
      .from(courseFollows)
      .where(and(eq(courseFollows.userId, userId), isNull(courseFollows.deletedAt)));

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    const reg = await t.call("POST", "/api/auth/register", {
      body: {
        email: "follower@example.com",
        password: "a long enough passphrase",
        name: "F",
        handle: "follower",
      },
    });
    token = reg.body.token;
    userId = reg.body.user.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("needs a signed-in user", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const res = await t.call(method, path(SLUG));
      expect([res.status, res.body.error.code]).toEqual([401, "unauthorized"]);
    }
  });

  it("follows idempotently, brings the course (not its modules) to the devices, and unfollows", async () => {
    expect((await t.call("GET", path(SLUG), { token })).body).toEqual({ following: false });
    const before = await pullAll(t, token, "courses", null);
    expect([...before.docs.values()].filter((d) => !d._deleted)).toHaveLength(0);

    for (let i = 0; i < 2; i++) {
      const res = await t.call("PUT", path(SLUG), { token });
      expect([res.status, res.body]).toEqual([200, { following: true }]);
    }
    expect(await liveFollows()).toHaveLength(1);
    const [course] = await queryRows<{ id: string }>(
      t.deps.db,
      sql`select id from courses where slug = ${SLUG}`,
    );
    const after = await pullAll(t, token, "courses", before.checkpoint);
    expect(after.docs.get(course?.id ?? "")?.slug).toBe(SLUG);
    const modules = await pullAll(t, token, "modules", null);
    expect([...modules.docs.values()].filter((d) => !d._deleted)).toHaveLength(0);

    for (let i = 0; i < 2; i++) {
      const res = await t.call("DELETE", path(SLUG), { token });
      expect([res.status, res.body]).toEqual([200, { following: false }]);
    }
    expect(await liveFollows()).toHaveLength(0);
    const gone = await pullAll(t, token, "courses", after.checkpoint);
    expect(gone.docs.get(course?.id ?? "")).toEqual({ id: course?.id, _deleted: true });

    expect((await t.call("PUT", path(SLUG), { token })).body).toEqual({ following: true });
    expect(await liveFollows()).toHaveLength(1);
  });

  it.each(["no-such-course", "building-ai-agents-with-claude"])(
    "answers 404 for %s and stores nothing",
    async (slug) => {
      const before = (await liveFollows()).length;
      const res = await t.call("PUT", path(slug), { token });
      expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
      expect(await liveFollows()).toHaveLength(before);
    },
  );
});
