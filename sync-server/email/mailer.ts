/**
 * Outgoing email. Every message is first written to the `email_outbox` table (so nothing is
 * lost and admins can see it), then delivered in the background: through SMTP when SMTP_URL
 * is set, otherwise printed to the log and marked `logged`, so a fresh machine can still
 * follow verification and reset links. A message that must go out exactly when a change
 * commits (a session reminder) is queued in that change's transaction (`queueEmail`) and
 * delivered after it by `deliverQueued`. A message SMTP refused, or one a stopped process
 * left, is tried again by `retryDue` (retry.ts: which are due, and the job).
 */
import { and, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { emailOutbox } from "../db/schema";
import type { Logger } from "../log";
import { claimDueForRetry, type OutboxRow } from "./retry";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** What the message is for, e.g. `verify_email`; shown in the admin outbox. */
  kind: string;
}

export interface Mailer {
  /** Records the message and starts delivery; resolves once it is safely in the outbox. */
  send(message: OutgoingEmail): Promise<string>;
  /**
   * Delivers the pending messages of `kind` written with `queueEmail` — just committed, or
   * left by a process that stopped before delivering them. Each row is claimed first
   * (attempts 0 → 1 while pending), so two processes never send one message twice.
   */
  deliverQueued(kind: string): Promise<number>;
  /** Claims and delivers the messages due for another try (retry.ts); how many. */
  retryDue(now?: Date): Promise<number>;
  /** Waits for deliveries under way (graceful shutdown, tests). */
  drain(): Promise<void>;
}

/**
 * Writes a message to the outbox inside the caller's transaction: it exists exactly when
 * that transaction commits (with the change it reports), and `deliverQueued` sends it.
 */
export async function queueEmail(tx: Db, message: OutgoingEmail): Promise<string> {
  const values = outboxValues(message);
  await tx.insert(emailOutbox).values(values);
  return values.id;
}

function outboxValues(message: OutgoingEmail) {
  return {
    id: uuidv7(),
    toAddress: message.to,
    subject: message.subject,
    bodyText: message.text,
    kind: message.kind,
  };
}

export function createMailer(db: Db, config: Config, log: Logger): Mailer {
  const transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
  const inFlight = new Set<Promise<void>>();

  /** Delivers a claimed message (its attempt is already counted in `attempts`). */
  async function deliver(id: string, m: OutgoingEmail) {
    if (!transport) {
      log.info("email logged (no SMTP_URL configured)", {
        to: m.to,
        subject: m.subject,
        kind: m.kind,
        text: m.text,
      });
      await db
        .update(emailOutbox)
        .set({ status: "logged", sentAt: new Date() })
        .where(eq(emailOutbox.id, id));
      return;
    }
    try {
      await transport.sendMail({
        from: config.MAIL_FROM,
        to: m.to,
        subject: m.subject,
        text: m.text,
      });
      await db
        .update(emailOutbox)
        .set({ status: "sent", sentAt: new Date() })
        .where(eq(emailOutbox.id, id));
    } catch (err) {
      log.warn("email delivery failed", { to: m.to, kind: m.kind, err });
      await db
        .update(emailOutbox)
        .set({ status: "failed", lastError: String(err) })
        .where(eq(emailOutbox.id, id));
    }
  }

  function track(row: OutboxRow) {
    const m = { to: row.toAddress, subject: row.subject, text: row.bodyText, kind: row.kind };
    const p = deliver(row.id, m)
      .catch((err) => log.error("email outbox update failed", { id: row.id, err }))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  return {
    async send(message) {
      // Written already claimed (first attempt, now): this process delivers it at once.
      const [row] = await db
        .insert(emailOutbox)
        .values({ ...outboxValues(message), attempts: 1, lastAttemptAt: new Date() })
        .returning();
      if (!row) throw new Error("email outbox insert returned nothing");
      track(row);
      return row.id;
    },
    async deliverQueued(kind) {
      const rows = await db
        .update(emailOutbox)
        .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastAttemptAt: new Date() })
        .where(
          and(
            eq(emailOutbox.kind, kind),
            eq(emailOutbox.status, "pending"),
            eq(emailOutbox.attempts, 0),
          ),
        )
        .returning();
      for (const r of rows) track(r);
      return rows.length;
    },
    async retryDue(now = new Date()) {
      const rows = await claimDueForRetry(db, now);
      for (const r of rows) track(r);
      return rows.length;
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
}
