/**
 * Outgoing email. Every message is first written to the `email_outbox` table (so nothing is
 * lost and admins can see it), then delivered in the background: through SMTP when SMTP_URL
 * is set, otherwise printed to the log and marked `logged`, so a fresh machine can still
 * follow verification and reset links. A message that must go out exactly when a change
 * commits (a session reminder) is queued in that change's transaction (`queueEmail`) and
 * delivered after it by `deliverQueued`, which also picks up any a stopped process left.
 */
import { and, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { emailOutbox } from "../db/schema";
import type { Logger } from "../log";

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
   * (attempts 0 → 1 while pending), so two processes never send one message twice. A kind
   * is either queued or sent with `send`, never both (send's rows are delivered in flight).
   */
  deliverQueued(kind: string): Promise<number>;
  /** Waits for deliveries under way (graceful shutdown, tests). */
  drain(): Promise<void>;
}

/**
 * Writes a message to the outbox inside the caller's transaction: it exists exactly when
 * that transaction commits (with the change it reports), and `deliverQueued` sends it.
 */
export async function queueEmail(tx: Db, message: OutgoingEmail): Promise<string> {
  const id = uuidv7();
  await tx.insert(emailOutbox).values({
    id,
    toAddress: message.to,
    subject: message.subject,
    bodyText: message.text,
    kind: message.kind,
  });
  return id;
}

export function createMailer(db: Db, config: Config, log: Logger): Mailer {
  const transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
  const inFlight = new Set<Promise<void>>();

  /** `claimed`: the attempt was already counted when the row was claimed. */
  async function deliver(id: string, m: OutgoingEmail, claimed = false) {
    const attempt = claimed ? emailOutbox.attempts : sql`${emailOutbox.attempts} + 1`;
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
        .set({ status: "sent", sentAt: new Date(), attempts: attempt })
        .where(eq(emailOutbox.id, id));
    } catch (err) {
      log.warn("email delivery failed", { to: m.to, kind: m.kind, err });
      await db
        .update(emailOutbox)
        .set({ status: "failed", lastError: String(err), attempts: attempt })
        .where(eq(emailOutbox.id, id));
    }
  }

  function track(id: string, m: OutgoingEmail, claimed: boolean) {
    const p = deliver(id, m, claimed)
      .catch((err) => log.error("email outbox update failed", { id, err }))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  return {
    async send(message) {
      const id = await queueEmail(db, message);
      track(id, message, false);
      return id;
    },
    async deliverQueued(kind) {
      const rows = await db
        .update(emailOutbox)
        .set({ attempts: sql`${emailOutbox.attempts} + 1` })
        .where(
          and(
            eq(emailOutbox.kind, kind),
            eq(emailOutbox.status, "pending"),
            eq(emailOutbox.attempts, 0),
          ),
        )
        .returning();
      for (const r of rows)
        track(r.id, { to: r.toAddress, subject: r.subject, text: r.bodyText, kind: r.kind }, true);
      return rows.length;
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
}
