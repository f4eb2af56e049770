/** The demo world's money side: every enrollment paid, splits in every state, payouts, a sponsorship; idempotent. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../sync-server/db/database";
import { seedDemoMoney } from "../../sync-server/demo/money";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { listPayoutQueue } from "../../sync-server/payments/payouts";
import { login } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { moneyCounts } from "./money-world";

describe.each(databaseKinds())("demo money on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("pays for every enrollment, with splits that add up to the price", async () => {
    const rows = await queryRows<{
      enrollments: number;
      paid: number;
      bad_sums: number;
      refunded: number;
    }>(
      t.deps.db,
      sql`select (select count(*) from enrollments)::int as enrollments,
                 (select count(distinct enrollment_id) from transactions)::int as paid,
                 (select count(*) from transactions t
                   where t.amount_cents <> (select coalesce(sum(amount_cents), 0) from payment_splits s where s.transaction_id = t.id))::int as bad_sums,
                 (select count(*) from transactions t join enrollments e on e.id = t.enrollment_id
                   where t.status = 'refunded' and e.status = 'cancelled')::int as refunded`,
    );
    expect(rows[0]).toMatchObject({ paid: rows[0]?.enrollments, bad_sums: 0, refunded: 1 });
  });

  it("has splits in every state, releases that never exceed their split, two payouts and a sponsorship", async () => {
    const states = await queryRows<{ status: string; n: number }>(
      t.deps.db,
      sql`select status::text, count(*)::int as n from payment_splits group by status order by status`,
    );
    expect(states.map((s) => s.status)).toEqual(["cancelled", "paid", "pending", "released"]);
    const [over] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`select count(*)::int as n from payment_splits s
          where (select coalesce(sum(amount_cents), 0) from split_releases r where r.split_id = s.id) > s.amount_cents`,
    );
    expect(over?.n).toBe(0);
    const payouts = await queryRows<{ handle: string; amount_cents: number; status: string }>(
      t.deps.db,
      sql`select u.handle, p.amount_cents, p.status::text from payouts p join users u on u.id = p.recipient_id order by u.handle`,
    );
    expect(payouts.map((p) => [p.handle, p.status])).toEqual([
      ["gabriel", "completed"],
      ["marcus", "completed"],
    ]);
    // Marcus taught Aisha's Intro to Claude Code (149.00) and Chloe's Prompt Engineering
    // (49.99): 70% of each.
    expect(payouts.find((p) => p.handle === "marcus")?.amount_cents).toBe(10430 + 3499);
    const queue = await listPayoutQueue(t.deps.db);
    expect(queue.length).toBeGreaterThan(0);
    expect(
      queue.every((q) => q.hasConnectedAccount && q.email !== "platform@peerloop.internal"),
    ).toBe(true);
    expect(queue.find((q) => q.email === "marcus@peerloop.demo")?.releasedUnpaidCents).toBe(10430);

    const employer = await login(t, "employer@peerloop.demo", DEMO_PASSWORD);
    const res = await t.call("GET", "/api/sponsorships", { token: employer });
    expect(
      res.body.sponsorships.map((x: { learner: { email: string }; course: { slug: string } }) => [
        x.learner.email,
        x.course.slug,
      ]),
    ).toEqual([["sarah@peerloop.demo", "fullstack-web-apps"]]);
  });

  it("is idempotent", async () => {
    const before = await moneyCounts(t.deps.db);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    await t.deps.db.transaction((tx) => seedDemoMoney(tx as never));
    expect(await moneyCounts(t.deps.db)).toEqual(before);
  });
});
