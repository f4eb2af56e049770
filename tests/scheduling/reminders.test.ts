/**
 * Reminders 24 h and 1 h before a session go out once each: the job run again, run by two
 * at once, and run by a restarted server (and, on Postgres, two servers at once) on the
 * same database never repeats one.
 */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { loadConfig } from "../../sync-server/config";
import type { Db } from "../../sync-server/db/database";
import {
  emailOutbox,
  enrollments,
  notifications,
  sessionReminders,
  sessions,
  users,
} from "../../sync-server/db/schema";
import { silentLogger } from "../../sync-server/log";
import { sendDueReminders } from "../../sync-server/scheduling/reminders";
import { type RunningServer, startServer } from "../../sync-server/server";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { freshStore, until } from "../sync-client/harness";
import { makeWorld, type World } from "./world";

const MIN = 60_000;

/** Sessions starting in 30 min (1 h reminder due), 5 h (24 h due), 30 h (none), and a cancelled one. */
async function plantSessions(
  db: Db,
  enrollment: { id: string; studentId: string; teacherId: string },
) {
  const ids: Record<string, string> = {};
  for (const [name, inMin, status] of [
    ["soon", 30, "scheduled"],
    ["today", 300, "scheduled"],
    ["later", 1800, "scheduled"],
    ["cancelled", 45, "cancelled"],
  ] as const) {
    const id = uuidv7();
    const start = new Date(Date.now() + inMin * MIN);
    await db.insert(sessions).values({
      id,
      enrollmentId: enrollment.id,
      teacherId: enrollment.teacherId,
      studentId: enrollment.studentId,
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 60 * MIN),
      status,
    });
    ids[name] = id;
  }
  return ids;
}

async function reminderState(db: Db, sessionIds: string[], emails: string[]) {
  const claimed = await db
    .select()
    .from(sessionReminders)
    .where(inArray(sessionReminders.sessionId, sessionIds));
  const notes = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.type, "session_reminder"),
        sql`${notifications.userId} IN (
      SELECT teacher_id FROM sessions WHERE id = ANY(${`{${sessionIds.join(",")}}`}::uuid[])
      UNION SELECT student_id FROM sessions WHERE id = ANY(${`{${sessionIds.join(",")}}`}::uuid[]))`,
      ),
    );
  const mails = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.kind, "session_reminder"), inArray(emailOutbox.toAddress, emails)));
  return {
    claimed: claimed.map((c) => `${c.sessionId}:${c.kind}`).sort(),
    notifications: notes.length,
    emails: mails.length,
  };
}

describe.each(databaseKinds())("session reminders (%s)", (kind) => {
  describe("the job", () => {
    let t: TestApp;
    let w: World;
    beforeAll(async () => {
      t = await createTestApp(kind);
      w = await makeWorld(t, { learners: 1, sessionCount: 5, slots: [] });
    });
    afterAll(async () => {
      await t?.close();
    });

    it("sends what is due, once, even when two runs race", async () => {
      const [l] = w.learners;
      if (!l) throw new Error("learner");
      const ids = await plantSessions(t.deps.db, {
        id: l.enrollmentId,
        studentId: l.id,
        teacherId: w.teacher.id,
      });
      const people = await t.deps.db
        .select({ email: users.email })
        .from(users)
        .where(inArray(users.id, [l.id, w.teacher.id]));
      const emails = people.map((p) => p.email);
      const runs = await Promise.all([
        sendDueReminders(t.deps.db, t.deps.mailer),
        sendDueReminders(t.deps.db, t.deps.mailer),
      ]);
      expect(runs[0] + runs[1]).toBe(2);
      expect(await sendDueReminders(t.deps.db, t.deps.mailer)).toBe(0);
      await t.deps.mailer.drain();
      const state = await reminderState(t.deps.db, Object.values(ids), emails);
      expect(state.claimed).toEqual([`${ids.soon}:1h`, `${ids.today}:24h`].sort());
      expect([state.notifications, state.emails]).toEqual([4, 4]); // both participants, each reminder
      // An hour later the "today" session's 1 h reminder is not due yet; 4.5 h later it is.
      expect(
        await sendDueReminders(t.deps.db, t.deps.mailer, new Date(Date.now() + 60 * MIN)),
      ).toBe(0);
      expect(
        await sendDueReminders(t.deps.db, t.deps.mailer, new Date(Date.now() + 270 * MIN)),
      ).toBe(1);
      await t.deps.mailer.drain();
      const after = await reminderState(t.deps.db, Object.values(ids), emails);
      expect(after.claimed).toHaveLength(3);
      expect([after.notifications, after.emails]).toEqual([6, 6]);
    });
  });

  it("a restarted server (and, on Postgres, two at once) sends nothing twice", async () => {
    const store = await freshStore(kind);
    const config = (extra: Record<string, string> = {}) =>
      loadConfig({
        ...("dataDir" in store.where
          ? { DATA_DIR: store.where.dataDir }
          : { DATABASE_URL: store.where.databaseUrl }),
        PORT: "0",
        HOST: "127.0.0.1",
        SEED_DEMO: "true",
        PASSWORD_SCRYPT_N: "1024",
        LOG_LEVEL: "error",
        SESSION_REMINDER_INTERVAL_SECONDS: "1",
        ...extra,
      });
    let servers: RunningServer[] = [];
    try {
      servers = [await startServer(config(), silentLogger)];
      const db = servers[0]?.database.db as Db;
      const [e] = await db
        .select()
        .from(enrollments)
        .where(and(isNotNull(enrollments.studentTeacherId), eq(enrollments.status, "in_progress")))
        .limit(1);
      if (!e?.studentTeacherId) throw new Error("no demo enrollment with a teacher");
      const ids = await plantSessions(db, {
        id: e.id,
        studentId: e.studentId,
        teacherId: e.studentTeacherId,
      });
      const all = Object.values(ids);
      await until(
        async () => (await reminderState(db, all, [])).claimed.length === 2,
        10_000,
        "reminders",
      );
      await new Promise((r) => setTimeout(r, 1500)); // another tick of the first server
      await Promise.all(servers.map((s) => s.close()));
      // Restart; on Postgres two processes share the database.
      const again = kind === "postgres" ? [config(), config()] : [config()];
      servers = await Promise.all(again.map((c) => startServer(c, silentLogger)));
      await new Promise((r) => setTimeout(r, 2500)); // at least two ticks each
      const db2 = servers[0]?.database.db as Db;
      const state = await reminderState(db2, all, []);
      expect(state.claimed).toEqual([`${ids.soon}:1h`, `${ids.today}:24h`].sort());
      expect(state.notifications).toBe(4);
      const mails = await db2
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.kind, "session_reminder"));
      expect(mails).toHaveLength(4);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await store.drop();
    }
  }, 60_000);
});
