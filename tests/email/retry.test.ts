/**
 * Email is never lost to a busy SMTP server or a stopped process: a refused message is
 * tried again with a doubling wait until EMAIL_MAX_ATTEMPTS, a message a process left
 * mid-delivery or unclaimed is picked up, and no message is delivered twice by two
 * processes retrying at once. Real mailer, real database, a real SMTP conversation.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../sync-server/config";
import { emailOutbox } from "../../sync-server/db/schema";
import { createMailer, type Mailer, queueEmail } from "../../sync-server/email/mailer";
import { EMAIL_MAX_ATTEMPTS } from "../../sync-server/email/retry";
import { silentLogger } from "../../sync-server/log";
import { type FakeSmtp, startFakeSmtp } from "../support/fake-smtp";
import { TEST_ENV } from "../support/test-app";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/test-db";

const MINUTE = 60_000;
const later = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

describe.each(databaseKinds())("email retries on %s", (kind) => {
  let database: TestDatabase;
  let smtp: FakeSmtp;
  let mailer: Mailer;
  let n = 0;
  const message = () => ({
    to: `learner${++n}@example.test`,
    subject: `Subject ${n}`,
    text: "Hello",
    kind: "test",
  });
  const row = async (id: string) =>
    (await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
  const retry = async (m: Mailer, at: Date) => {
    const claimed = await m.retryDue(at);
    await m.drain();
    return claimed;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    smtp = await startFakeSmtp();
    mailer = createMailer(
      database.db,
      loadConfig({ ...TEST_ENV, SMTP_URL: smtp.url }),
      silentLogger,
    );
  });
  afterEach(async () => {
    await mailer.drain();
    smtp.refuseNext(0);
    smtp.received.length = 0;
    await database.db.delete(emailOutbox);
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.close();
  });

  it("delivers at once when the SMTP server takes it", async () => {
    const id = await mailer.send(message());
    await mailer.drain();
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.data).toContain("Subject: Subject");
  });

  it("tries a refused message again after the wait, once", async () => {
    smtp.refuseNext(1);
    const id = await mailer.send(message());
    await mailer.drain();
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await row(id))?.lastError).toMatch(/451/);
    // The first wait is 2 minutes: not yet at 1.
    expect(await retry(mailer, later(1))).toBe(0);
    expect(await retry(mailer, later(2.1))).toBe(1);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    expect(await retry(mailer, later(60))).toBe(0);
  });

  it("doubles the wait and gives up after EMAIL_MAX_ATTEMPTS", async () => {
    smtp.refuseNext(100);
    const id = await mailer.send(message());
    await mailer.drain();
    let waited = 0;
    for (let attempt = 1; attempt < EMAIL_MAX_ATTEMPTS; attempt++) {
      const wait = 2 * 2 ** (attempt - 1);
      // Just before the wait is over: nothing; just after: the next attempt.
      expect(await retry(mailer, later(waited + wait - 0.5))).toBe(0);
      waited += wait + 0.1;
      expect(await retry(mailer, later(waited))).toBe(1);
      // Each attempt restarts the clock from when it was claimed (that later "now").
      await database.db
        .update(emailOutbox)
        .set({ lastAttemptAt: new Date() })
        .where(eq(emailOutbox.id, id));
      waited = 0;
    }
    expect(await row(id)).toMatchObject({ status: "failed", attempts: EMAIL_MAX_ATTEMPTS });
    expect(await retry(mailer, later(24 * 60))).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("picks up what a stopped process left: mid-delivery, and queued but never claimed", async () => {
    const midDelivery = await queueEmail(database.db, message());
    await database.db
      .update(emailOutbox)
      .set({ attempts: 1, lastAttemptAt: later(-11) })
      .where(eq(emailOutbox.id, midDelivery));
    const unclaimed = await queueEmail(database.db, message());
    await database.db
      .update(emailOutbox)
      .set({ createdAt: later(-3) })
      .where(eq(emailOutbox.id, unclaimed));
    const fresh = await queueEmail(database.db, message()); // its own process is on it
    expect(await retry(mailer, new Date())).toBe(2);
    expect(await row(midDelivery)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await row(unclaimed)).toMatchObject({ status: "sent", attempts: 1 });
    expect(await row(fresh)).toMatchObject({ status: "pending", attempts: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it("two processes retrying at once deliver each message once", async () => {
    const other = createMailer(
      database.db,
      loadConfig({ ...TEST_ENV, SMTP_URL: smtp.url }),
      silentLogger,
    );
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await queueEmail(database.db, message()));
    await database.db.update(emailOutbox).set({ createdAt: sql`now() - interval '5 minutes'` });
    const [a, b] = await Promise.all([mailer.retryDue(), other.retryDue()]);
    await Promise.all([mailer.drain(), other.drain()]);
    expect((a ?? 0) + (b ?? 0)).toBe(12);
    expect(smtp.received).toHaveLength(12);
    expect(new Set(smtp.received.map((m) => m.to.join())).size).toBe(12);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});
