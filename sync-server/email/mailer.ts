/**
 * Outgoing email. Every message is first written to the `email_outbox` table (so nothing is
 * lost and admins can see it), then delivered in the background: through SMTP when SMTP_URL
 * is set, otherwise printed to the log and marked `logged`, so a fresh machine can still
 * follow verification and reset links.
 */
import { eq, sql } from "drizzle-orm";
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
  /** Waits for deliveries under way (graceful shutdown, tests). */
  drain(): Promise<void>;
}

export function createMailer(db: Db, config: Config, log: Logger): Mailer {
  const transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
  const inFlight = new Set<Promise<void>>();

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
        .set({ status: "sent", sentAt: new Date(), attempts: sql`${emailOutbox.attempts} + 1` })
        .where(eq(emailOutbox.id, id));
    } catch (err) {
      log.warn("email delivery failed", { to: m.to, kind: m.kind, err });
      await db
        .update(emailOutbox)
        .set({
          status: "failed",
          lastError: String(err),
          attempts: sql`${emailOutbox.attempts} + 1`,
        })
        .where(eq(emailOutbox.id, id));
    }
  }

  return {
    async send(message) {
      const id = uuidv7();
      await db.insert(emailOutbox).values({
        id,
        toAddress: message.to,
        subject: message.subject,
        bodyText: message.text,
        kind: message.kind,
      });
      const p = deliver(id, message)
        .catch((err) => log.error("email outbox update failed", { id, err }))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      return id;
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
}
