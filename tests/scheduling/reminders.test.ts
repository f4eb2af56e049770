/**
 * Reminders 24 h and 1 h before a session go out once each: the job run again, run by two
 * at once, and run by a restarted server (and, on Postgres, two servers at once) on the
 * same database never repeats one. A session cancelled after the job listed it gets none;
 * the email is queued with the claim; the text says the time really left, in each
 * reader's zone.
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
import {
  claimReminder,
  dueReminders,
  REMINDER_EMAIL_KIND,
  sendDueReminders,
  startsIn,
} from "../../sync-server/scheduling/reminders";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { type RunningServer, startServer } from "../../sync-server/server";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { freshStore, until } from "../sync-client/harness";
import { bookSession, hoursAhead, type Learner, makeWorld, type World } from "./world";

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

  describe("each claim", () => {
    let t: TestApp;
    let w: World;
    beforeAll(async () => {
      t = await createTestApp(kind);
      w = await makeWorld(t, { learners: 1, sessionCount: 10 });
      await t.deps.db.execute(
        sql`UPDATE users SET timezone = 'Europe/Berlin' WHERE id = ${w.teacher.id}`,
      );
      await t.deps.db.execute(
        sql`UPDATE users SET timezone = 'America/New_York' WHERE id = ${w.learners[0]?.id}`,
      );
    });
    afterAll(async () => {
      await t?.close();
    });

    async function book(hours: number) {
      const l = w.learners[0] as Learner;
      const start = hoursAhead(hours);
      return { id: await bookSession(t, w, l, start), start };
    }
    /** This session's claims; every reminder notice and email of the world so far. */
    const written = async (sessionId: string) => ({
      claims: (
        await t.deps.db
          .select()
          .from(sessionReminders)
          .where(eq(sessionReminders.sessionId, sessionId))
      ).map((c) => c.kind),
      notes: await t.deps.db
        .select()
        .from(notifications)
        .where(eq(notifications.type, "session_reminder")),
      mails: await t.deps.db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.kind, REMINDER_EMAIL_KIND))
        .orderBy(emailOutbox.id),
    });

    it("words the time really left", () => {
      for (const [ms, text] of [
        [24 * 60 * MIN, "in 24 hours"],
        [23 * 60 * MIN + 59 * MIN, "in 24 hours"],
        [5 * 60 * MIN, "in 5 hours"],
        [90 * MIN, "in 2 hours"],
        [89 * MIN, "in 89 minutes"],
        [60 * MIN, "in 1 hour"],
        [45 * MIN, "in 45 minutes"],
        [20_000, "in 1 minute"],
      ] as const)
        expect([ms, startsIn(ms)]).toEqual([ms, text]);
    });

    it("a session cancelled after the job listed it gets no reminder", async () => {
      const s = await book(5);
      const due = (await dueReminders(t.deps.db, new Date())).filter((d) => d.sessionId === s.id);
      expect(due).toEqual([{ sessionId: s.id, kind: "24h" }]);
      const before = await written(s.id);
      const cancel = await submitRequest(t.deps.db, t.deps.config, w.teacher.id, {
        kind: "cancel",
        targetSessionId: s.id,
      });
      expect(cancel.status).toBe("confirmed");
      expect(await claimReminder(t.deps.db, due[0] as never, new Date())).toBe(false);
      const after = await written(s.id);
      expect(after.claims).toEqual([]);
      expect([after.notes.length, after.mails.length]).toEqual([
        before.notes.length,
        before.mails.length,
      ]);
    });

    it("queues both emails with the claim, in each reader's zone, saying the time left", async () => {
      const s = await book(5);
      const now = new Date(s.start.getTime() - 5 * 60 * MIN);
      const before = (await written(s.id)).mails.length;
      // Claimed, and the process stops before the mailer runs: the emails wait in the outbox.
      expect(await claimReminder(t.deps.db, { sessionId: s.id, kind: "24h" }, now)).toBe(true);
      const claimed = await written(s.id);
      const queued = claimed.mails.slice(before);
      // The notices went with the claim, with the same text as the emails.
      expect(claimed.notes.filter((n) => queued.some((m) => m.bodyText === n.body))).toHaveLength(
        2,
      );
      expect(queued.map((m) => [m.status, m.attempts])).toEqual([
        ["pending", 0],
        ["pending", 0],
      ]);
      const berlin = new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Berlin",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(s.start);
      const teacherMail = queued.find((m) => m.bodyText.includes("(Europe/Berlin)"));
      expect(teacherMail?.bodyText).toContain(`starts in 5 hours: `);
      expect(teacherMail?.bodyText).toContain(`${berlin} `);
      expect(teacherMail?.subject).toBe("PeerLoop: session in 5 hours");
      expect(queued.some((m) => m.bodyText.includes("(America/New_York)"))).toBe(true);
      expect(queued.every((m) => !m.bodyText.includes("tomorrow"))).toBe(true);
      // The next run (here: two at once) delivers each exactly once.
      const [a, b] = await Promise.all([
        sendDueReminders(t.deps.db, t.deps.mailer, now),
        sendDueReminders(t.deps.db, t.deps.mailer, now),
      ]);
      expect(a + b).toBe(0); // nothing new to claim
      await t.deps.mailer.drain();
      const delivered = (await written(s.id)).mails.slice(before);
      expect(delivered.map((m) => [m.status, m.attempts])).toEqual([
        ["logged", 1],
        ["logged", 1],
      ]);
      expect(await t.deps.mailer.deliverQueued(REMINDER_EMAIL_KIND)).toBe(0);
    });

    it("no 24 h reminder once the 1 h one went out or its window opened", async () => {
      const s = await book(3);
      await t.deps.db.insert(sessionReminders).values({ sessionId: s.id, kind: "1h" });
      const inWindow = new Date(s.start.getTime() - 2 * 60 * MIN);
      expect(await claimReminder(t.deps.db, { sessionId: s.id, kind: "24h" }, inWindow)).toBe(
        false,
      );
      const late = await book(7);
      const in50 = new Date(late.start.getTime() - 50 * MIN);
      expect(await claimReminder(t.deps.db, { sessionId: late.id, kind: "24h" }, in50)).toBe(false);
      expect(await claimReminder(t.deps.db, { sessionId: late.id, kind: "1h" }, in50)).toBe(true);
      expect((await written(late.id)).claims).toEqual(["1h"]);
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
