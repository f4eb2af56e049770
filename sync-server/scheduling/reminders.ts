/**
 * Reminders 24 hours and 1 hour before each scheduled session, to both participants
 * (notification and email). A job runs every SESSION_REMINDER_INTERVAL_SECONDS on every
 * server process. It reads a shortlist of due reminders, then claims each in its own
 * transaction: the session row is locked and re-checked there (still scheduled, reminder
 * still due), the (session, kind) row goes into session_reminders, and both notifications
 * and both emails (outbox rows) are written with it — so a session cancelled after the
 * shortlist gets nothing, and a claimed reminder has exactly its notices and emails, once,
 * across restarts and with several processes on one database. The mailer delivers the
 * queued emails after the commit, and on the next run any that a stopped process left.
 *
 * Windows: the 24 h reminder is due from 24 h until 1 h before the start; the 1 h reminder
 * from 1 h before until the start. A 24 h reminder is never sent once the 1 h window has
 * opened (or the 1 h reminder went out), and a server that was down through a window skips
 * it rather than send a stale one. The text says how long is really left ("in 5 hours" for
 * a session booked late), in each reader's own time zone.
 */
import { sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { HOUR_MS, MINUTE_MS } from "../../shared/scheduling/time-zones";
import type { Config } from "../config";
import { type Database, type Db, queryRows } from "../db/database";
import { notifications, type ReminderKind, sessionReminders } from "../db/schema";
import { type Mailer, queueEmail } from "../email/mailer";
import type { Logger } from "../log";
import { readerZones, whenIn } from "./notify";

export const REMINDER_EMAIL_KIND = "session_reminder";

/** [from, until) before the start, in ms: when each reminder may be sent. */
const WINDOW: Record<ReminderKind, { from: number; until: number }> = {
  "24h": { from: 24 * HOUR_MS, until: HOUR_MS },
  "1h": { from: HOUR_MS, until: 0 },
};

export interface DueReminder {
  sessionId: string;
  kind: ReminderKind;
}

/** "in 24 hours", "in 5 hours", "in 1 hour", "in 45 minutes": the time really left. */
export function startsIn(remainingMs: number): string {
  if (remainingMs >= 90 * MINUTE_MS) return `in ${Math.round(remainingMs / HOUR_MS)} hours`;
  const minutes = Math.max(1, Math.round(remainingMs / MINUTE_MS));
  if (minutes === 60) return "in 1 hour";
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The shortlist: scheduled sessions inside a reminder's window not yet claimed. */
export async function dueReminders(db: Db, now: Date): Promise<DueReminder[]> {
  const at = now.toISOString();
  const rows = await queryRows<{ session_id: string; kind: ReminderKind }>(
    db,
    sql`SELECT s.id AS session_id, k.kind
          FROM sessions s
          CROSS JOIN LATERAL (VALUES
            ('24h'::session_reminder_kind, interval '24 hours', interval '1 hour'),
            ('1h'::session_reminder_kind, interval '1 hour', interval '0')) AS k(kind, lead, until)
         WHERE s.status = 'scheduled'
           AND s.scheduled_start - k.lead <= ${at}::timestamptz
           AND s.scheduled_start - k.until > ${at}::timestamptz
           AND NOT EXISTS (SELECT 1 FROM session_reminders r
                            WHERE r.session_id = s.id AND r.kind = k.kind)`,
  );
  return rows.map((r) => ({ sessionId: r.session_id, kind: r.kind }));
}

interface Target {
  start: string | Date;
  teacher_id: string;
  student_id: string;
  teacher_email: string;
  student_email: string;
  title: string;
  one_hour_sent: boolean;
}

/**
 * Claims and writes one reminder, or nothing (false) when it is no longer due: the session
 * was cancelled, started or moved, the window has passed, or it was already claimed.
 */
export async function claimReminder(db: Db, due: DueReminder, now: Date): Promise<boolean> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // FOR SHARE: a cancellation (which locks the row to change it) either commits first and
    // is seen here, or waits until this reminder is committed.
    const [s] = await queryRows<Target>(
      tx,
      sql`SELECT s.scheduled_start AS start, s.teacher_id, s.student_id,
                 t.email AS teacher_email, l.email AS student_email, c.title,
                 EXISTS (SELECT 1 FROM session_reminders r
                          WHERE r.session_id = s.id AND r.kind = '1h') AS one_hour_sent
            FROM sessions s
            JOIN enrollments e ON e.id = s.enrollment_id
            JOIN courses c ON c.id = e.course_id
            JOIN users t ON t.id = s.teacher_id
            JOIN users l ON l.id = s.student_id
           WHERE s.id = ${due.sessionId} AND s.status = 'scheduled'
             FOR SHARE OF s`,
    );
    if (!s) return false;
    const start = new Date(s.start);
    const left = start.getTime() - now.getTime();
    const w = WINDOW[due.kind];
    if (left > w.from || left <= w.until) return false;
    if (due.kind === "24h" && s.one_hour_sent) return false;
    const claimed = await tx
      .insert(sessionReminders)
      .values({ sessionId: due.sessionId, kind: due.kind })
      .onConflictDoNothing()
      .returning({ sessionId: sessionReminders.sessionId });
    if (claimed.length === 0) return false; // another process (or an earlier run) sent it
    const zones = await readerZones(tx, [s.teacher_id, s.student_id]);
    const lead = startsIn(left);
    for (const [userId, email] of [
      [s.teacher_id, s.teacher_email],
      [s.student_id, s.student_email],
    ] as const) {
      const text = `Your ${s.title} session starts ${lead}: ${whenIn(start, zones.get(userId) ?? "UTC")}. Open PeerLoop to join.`;
      await tx.insert(notifications).values({
        id: uuidv7(),
        userId,
        type: "session_reminder",
        title: `Session ${lead}`,
        body: text,
        actionUrl: "/sessions",
      });
      await queueEmail(tx, {
        to: email,
        subject: `PeerLoop: session ${lead}`,
        text,
        kind: REMINDER_EMAIL_KIND,
      });
    }
    return true;
  });
}

/** One run: claims what is due, then hands the queued emails to the mailer. */
export async function sendDueReminders(db: Db, mailer: Mailer, now = new Date()): Promise<number> {
  let sent = 0;
  for (const due of await dueReminders(db, now)) if (await claimReminder(db, due, now)) sent++;
  await mailer.deliverQueued(REMINDER_EMAIL_KIND);
  return sent;
}

/**
 * Runs the reminder job now and every interval. The returned function stops it and waits
 * for a run under way (so the database is not closed under it).
 */
export function scheduleReminders(
  database: Database,
  mailer: Mailer,
  config: Config,
  log: Logger,
): () => Promise<void> {
  let current: Promise<void> | undefined;
  const run = () => {
    if (current) return; // a slow run is not overlapped by the next tick
    current = sendDueReminders(database.db, mailer)
      .then((sent) => void (sent && log.info("sent session reminders", { sent })))
      .catch((err) => log.warn("session reminders failed", { err }))
      .finally(() => {
        current = undefined;
      });
  };
  run();
  const timer = setInterval(run, config.SESSION_REMINDER_INTERVAL_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
