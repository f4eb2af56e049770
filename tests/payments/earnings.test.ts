/**
 * Earnings for a recipient with more shares than one page: the totals (pending, released,
 * paid) are per currency over every share, computed in SQL, and the list pages through all
 * of them, newest first, each share exactly once.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARNINGS_PAGE } from "../../sync-server/payments/queries";
import { register } from "../support/sync-protocol";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld, type Person } from "./money-world";

const SHARES = 600;

/** The generated shares (see the SQL below), as the totals must count them. */
function expectedTotals() {
  const t: Record<string, { pendingCents: number; releasedCents: number; paidCents: number }> = {};
  for (let i = 1; i <= SHARES; i++) {
    const currency = i % 10 === 0 ? "EUR" : "USD";
    const cancelled = i % 50 === 0;
    const released = i % 3 === 0 && !cancelled ? 40 : 0;
    const paid = i % 6 === 0 && !cancelled ? 40 : 0;
    t[currency] ??= { pendingCents: 0, releasedCents: 0, paidCents: 0 };
    const c = t[currency];
    if (!cancelled) {
      c.pendingCents += 100 + i - released;
      c.releasedCents += released - paid;
    }
    c.paidCents += paid;
  }
  return Object.entries(t)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, v]) => ({ currency, ...v }));
}

describe.each(databaseKinds())("earnings over many shares on %s", (kind) => {
  let w: MoneyWorld;
  let recipient: Person;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: false });
    const { enrollmentId } = await buy(w, w.learners[0] as Person);
    const p = await register(w.t, `many_${Date.now()}`);
    recipient = { ...p, handle: "many" };
    // 600 payments of one enrollment, each with one teaching share for the recipient: every
    // 10th in EUR, every 50th cancelled, every 3rd 40 cents released, every 6th of those paid.
    await w.db.execute(sql`
      insert into transactions (id, enrollment_id, amount_cents, currency, stripe_payment_id, status, paid_at)
      select md5('tx' || i)::uuid, ${enrollmentId}, 1000,
             case when i % 10 = 0 then 'EUR' else 'USD' end, 'pi_many_' || i, 'completed', now()
      from generate_series(1, ${SHARES}) i`);
    await w.db.execute(sql`
      insert into payment_splits (id, transaction_id, recipient_id, recipient_type, amount_cents,
                                  currency, percentage, status, created_at)
      select md5('sp' || i)::uuid, md5('tx' || i)::uuid, ${recipient.id}, 'student_teacher', 100 + i,
             case when i % 10 = 0 then 'EUR' else 'USD' end, 70,
             (case when i % 50 = 0 then 'cancelled' else 'pending' end)::payment_split_status,
             now() - i * interval '1 second'
      from generate_series(1, ${SHARES}) i`);
    await w.db.execute(sql`
      insert into split_releases (id, split_id, kind, amount_cents, paid_at)
      select gen_random_uuid(), md5('sp' || i)::uuid, 'window', 40,
             case when i % 6 = 0 then now() end
      from generate_series(1, ${SHARES}) i where i % 3 = 0 and i % 50 <> 0`);
  });
  afterAll(async () => {
    await w?.close();
  });

  const get = (query = "") => w.t.call("GET", `/api/earnings${query}`, { token: recipient.token });

  it("totals every share per currency, not only the first page", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual(expectedTotals());
    expect(res.body.splits).toHaveLength(EARNINGS_PAGE);
    expect(res.body.nextBefore).toBe(res.body.splits.at(-1).splitId);
  });

  it("pages through every share once, newest first", async () => {
    const seen: { splitId: string; createdAt: string; amountCents: number }[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const res = await get(`?limit=200${before ? `&before=${before}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.totals).toEqual(expectedTotals());
      seen.push(...res.body.splits);
      before = res.body.nextBefore;
      pages++;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen.map((x) => x.splitId)).size).toBe(SHARES);
    // Newest first: share i was created i seconds ago, so amounts (100 + i) ascend.
    expect(seen.map((x) => x.amountCents)).toEqual(
      Array.from({ length: SHARES }, (_, i) => 101 + i),
    );
  });

  it("refuses a bad cursor or limit with 400 validation_failed", async () => {
    for (const q of [
      "?before=nope",
      `?before=${"-".repeat(36)}`,
      "?limit=0",
      "?limit=201",
      "?limit=x",
    ]) {
      const res = await get(q);
      expect([res.status, res.body.error?.code], q).toEqual([400, "validation_failed"]);
    }
  });
});
