/**
 * Which outbox messages are due for another try, and the job that tries them. SMTP servers
 * refuse mail for a while (greylisting, an outage), and a process can stop between writing
 * a message and handing it over; neither may lose a password-reset link or a reminder.
 *
 * Due: a `failed` message, after 2, 4, 8, 16 … minutes (doubling per attempt), until
 * EMAIL_MAX_ATTEMPTS; a `pending` message whose attempt was claimed STUCK_MINUTES ago and
 * never finished (its process stopped mid-delivery: it is sent again — at least once, since
 * the SMTP server may have taken it); a `pending` message queued in a transaction whose
 * process stopped before claiming it. Claiming bumps `attempts` and `last_attempt_at` under
 * `FOR UPDATE SKIP LOCKED`, so two processes never take one message at the same moment.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/database";
import { emailOutbox } from "../db/schema";
import type { Logger } from "../log";

export const EMAIL_MAX_ATTEMPTS = 5;
const FIRST_BACKOFF_MINUTES = 2;
const STUCK_MINUTES = 10;
/** A queued message is normally claimed at once by the transaction's own process. */
const UNCLAIMED_MINUTES = 2;
const BATCH = 50;
export const EMAIL_RETRY_INTERVAL_MS = 60_000;

export type OutboxRow = typeof emailOutbox.$inferSelect;

export async function claimDueForRetry(db: Db, now: Date): Promise<OutboxRow[]> {
  const at = now.toISOString();
  return db
    .update(emailOutbox)
    .set({
      status: "pending",
      attempts: sql`${emailOutbox.attempts} + 1`,
      lastAttemptAt: now,
    })
    .where(
      sql`${emailOutbox.id} IN (
        SELECT id FROM email_outbox
        WHERE (status = 'failed' AND attempts < ${EMAIL_MAX_ATTEMPTS}
               AND last_attempt_at <= ${at}::timestamptz
                 - make_interval(mins => ${FIRST_BACKOFF_MINUTES} * power(2, attempts - 1)::int))
           OR (status = 'pending' AND attempts > 0
               AND last_attempt_at <= ${at}::timestamptz - make_interval(mins => ${STUCK_MINUTES}))
           OR (status = 'pending' AND attempts = 0
               AND created_at <= ${at}::timestamptz - make_interval(mins => ${UNCLAIMED_MINUTES}))
        ORDER BY created_at
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)`,
    )
    .returning();
}

/** Tries due messages now and every minute; returns a function that stops it. */
export function scheduleEmailRetries(
  retryDue: () => Promise<number>,
  log: Logger,
): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const run = () => {
    if (running) return;
    running = retryDue()
      .then((n) => n && log.info("retrying emails", { messages: n }))
      .catch((err) => log.warn("email retry failed", { err }))
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, EMAIL_RETRY_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
