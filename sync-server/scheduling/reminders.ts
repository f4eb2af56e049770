/**
 * Reminders 24 hours and 1 hour before each scheduled session, to both participants
 * (notification and email). A job runs every SESSION_REMINDER_INTERVAL_SECONDS on every
 * server process; each reminder is claimed by inserting its (session, kind) row into
 * session_reminders in the same transaction as its notifications, so it goes out once —
 * across restarts and with several processes on one database.
 *
 * Windows: the 24 h reminder is due from 24 h until 1 h before the start; the 1 h reminder
 * from 1 h before until the start. A server that was down through a window skips that
 * reminder rather than send a stale one. Emails go to the outbox after the commit (if the
 * process dies in between, the notification is there and the email is not: at most once).
 */
import { sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Config } from "../config";
import { type Database, type Db, queryRows } from "../db/database";
import { notifications, type ReminderKind, sessionReminders } from "../db/schema";
import type { Mailer } from "../email/mailer";
import type { Logger } from "../log";
import { whenIn } from "./notify";

interface Due {
  session_id: string;
  kind: ReminderKind;
  start: string | Date;
  teacher_id: string;
  student_id: string;
  teacher_email: string;
  student_email: string;
  title: string;
}

const LEAD: Record<ReminderKind, string> = { "24h": "tomorrow", "1h": "in an hour" };

export async function sendDueReminders(db: Db, mailer: Mailer, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const due = await queryRows<Due>(
    db,
    sql`SELECT s.id AS session_id, k.kind, s.scheduled_start AS start,
               s.teacher_id, s.student_id, t.email AS teacher_email, l.email AS student_email,
               c.title
          FROM sessions s
          JOIN enrollments e ON e.id = s.enrollment_id
          JOIN courses c ON c.id = e.course_id
          JOIN users t ON t.id = s.teacher_id
          JOIN users l ON l.id = s.student_id
          CROSS JOIN LATERAL (VALUES
            ('24h'::session_reminder_kind, interval '24 hours', interval '1 hour'),
            ('1h'::session_reminder_kind, interval '1 hour', interval '0')) AS k(kind, lead, until)
         WHERE s.status = 'scheduled'
           AND s.scheduled_start - k.lead <= ${at}::timestamptz
           AND s.scheduled_start - k.until > ${at}::timestamptz
           AND NOT EXISTS (SELECT 1 FROM session_reminders r
                            WHERE r.session_id = s.id AND r.kind = k.kind)`,
  );
  let sent = 0;
  for (const d of due) {
    const start = new Date(d.start);
    const body = `Your ${d.title} session starts ${LEAD[d.kind]}: ${whenIn(start, "UTC")}. Open PeerLoop to join.`;
    const claimed = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const rows = await tx
        .insert(sessionReminders)
        .values({ sessionId: d.session_id, kind: d.kind })
        .onConflictDoNothing()
        .returning({ sessionId: sessionReminders.sessionId });
      if (rows.length === 0) return false; // another process (or an earlier run) sent it
      await tx.insert(notifications).values(
        [d.teacher_id, d.student_id].map((userId) => ({
          id: uuidv7(),
          userId,
          type: "session_reminder" as const,
          title: `Session ${LEAD[d.kind]}`,
          body,
          actionUrl: "/sessions",
        })),
      );
      return true;
    });
    if (!claimed) continue;
    sent++;
    for (const to of [d.teacher_email, d.student_email])
      await mailer.send({
        to,
        subject: `PeerLoop: session ${LEAD[d.kind]}`,
        text: body,
        kind: "session_reminder",
      });
  }
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
