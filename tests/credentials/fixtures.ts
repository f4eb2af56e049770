/** The demo world as the stage for credential tests: ids by handle and slug, sign-ins. */
import { and, eq, ne, sql } from "drizzle-orm";
import { progressId } from "../../shared/ids/derived-id";
import { queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { login } from "../support/sync-protocol";
import type { TestApp } from "../support/test-app";

export interface Stage {
  user(handle: string): Promise<string>;
  course(slug: string): Promise<{ id: string; creatorId: string; title: string }>;
  token(handle: string): Promise<string>;
  enrollment(handle: string, slug: string): Promise<typeof s.enrollments.$inferSelect>;
  /** Marks every module of the learner's enrollment complete (as their device would). */
  completeAllModules(handle: string, slug: string): Promise<void>;
}

export async function demoStage(t: TestApp): Promise<Stage> {
  await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
  const db = t.deps.db;
  const tokens = new Map<string, string>();
  const stage: Stage = {
    async user(handle) {
      const [u] = await db
        .select({ id: s.users.id })
        .from(s.users)
        .where(eq(s.users.handle, handle));
      if (!u) throw new Error(`no user ${handle}`);
      return u.id;
    },
    async course(slug) {
      const [c] = await db
        .select({ id: s.courses.id, creatorId: s.courses.creatorId, title: s.courses.title })
        .from(s.courses)
        .where(eq(s.courses.slug, slug));
      if (!c) throw new Error(`no course ${slug}`);
      return c;
    },
    async token(handle) {
      const known = tokens.get(handle);
      if (known) return known;
      const token = await login(t, `${handle}@peerloop.demo`, DEMO_PASSWORD);
      tokens.set(handle, token);
      return token;
    },
    async enrollment(handle, slug) {
      const [e] = await db
        .select()
        .from(s.enrollments)
        .where(
          and(
            eq(s.enrollments.studentId, await stage.user(handle)),
            eq(s.enrollments.courseId, (await stage.course(slug)).id),
            ne(s.enrollments.status, "cancelled"),
          ),
        );
      if (!e) throw new Error(`no enrollment ${handle} ${slug}`);
      return e;
    },
    async completeAllModules(handle, slug) {
      const e = await stage.enrollment(handle, slug);
      const modules = await queryRows<{ id: string }>(
        db,
        sql`select id from course_curriculum where course_id = ${e.courseId} and deleted_at is null`,
      );
      for (const m of modules) {
        await db
          .insert(s.moduleProgress)
          .values({
            id: progressId(e.id, m.id),
            enrollmentId: e.id,
            moduleId: m.id,
            isComplete: true,
            completedAt: new Date(),
          })
          .onConflictDoUpdate({
            target: [s.moduleProgress.enrollmentId, s.moduleProgress.moduleId],
            set: { isComplete: true, completedAt: new Date() },
          });
      }
    },
  };
  return stage;
}
