/**
 * Approving payouts from the dashboard, with Stripe (the fake) so transfers can fail: the
 * message tells what was paid and what failed; a recipient owed in two currencies is paid
 * in each (the queue row's form names the currency; the API may leave it out for one
 * currency); a recipient without a payout account is offered no Approve button; the
 * payouts list filters by status and shows why transfers failed; and every attempt, refused
 * ones included, leaves audit rows that are only ever added to.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { type FakeStripe, startFakeStripe } from "../support/fake-stripe";
import { databaseKinds } from "../support/test-db";
import {
  type AdminWorld,
  adminWorld,
  cookieCall,
  csrfOf,
  flashOf,
  seedReleasedSplits,
} from "./support";

const FAKE_ERROR = "Stripe transfer failed: No such destination account (fake switch).";
/** The same, inside a sentence. */
const FAKE_REASON = FAKE_ERROR.slice(0, -1);

describe.each(databaseKinds())("admin payout approval on %s", (kind) => {
  let w: AdminWorld;
  let fake: FakeStripe;
  const db = () => w.t.deps.db;

  /** A fresh recipient, optionally with a connected payout account. */
  async function recipient(handle: string, withAccount = true) {
    const id = uuidv7();
    await db()
      .insert(s.users)
      .values({ id, email: `${handle}@payees.example`, passwordHash: "x", name: handle, handle });
    if (withAccount) {
      await db()
        .insert(s.paymentAccounts)
        .values({ userId: id, stripeAccountId: `acct_${handle}` });
    }
    return id;
  }
  /** Moves splits (and their payments) into another currency. */
  async function inCurrency(splitIds: string[], currency: string) {
    for (const id of splitIds) {
      await db().execute(
        sql`update transactions set currency = ${currency}
             where id = (select transaction_id from payment_splits where id = ${id}::uuid)`,
      );
      await db().execute(
        sql`update payment_splits set currency = ${currency} where id = ${id}::uuid`,
      );
    }
  }
  const enrollmentOf = async (splitId: string) =>
    (
      await queryRows<{ id: string }>(
        db(),
        sql`select t.enrollment_id as id from payment_splits s
             join transactions t on t.id = s.transaction_id where s.id = ${splitId}::uuid`,
      )
    )[0]?.id ?? "";
  const approveForm = (recipientId: string, currency?: string) =>
    cookieCall(w.t, "POST", "/admin/payouts/approve", w.admin.token, {
      form: { recipientId, ...(currency ? { currency } : {}), _csrf: csrfOf(w.admin.token) },
    });
  const approveApi = (body: Record<string, string>) =>
    w.t.call("POST", "/api/admin/payouts/approve", { token: w.admin.token, body });
  const owed = async (recipientId: string) =>
    (
      await queryRows<{ currency: string; cents: number }>(
        db(),
        sql`select s.currency, sum(r.amount_cents)::int as cents
              from split_releases r join payment_splits s on s.id = r.split_id
             where s.recipient_id = ${recipientId} and r.payout_id is null
             group by s.currency order by s.currency`,
      )
    ).map((r) => [r.currency, r.cents]);
  const auditOf = async (recipientId: string) =>
    db()
      .select()
      .from(s.adminAuditLog)
      .where(eq(s.adminAuditLog.targetId, recipientId))
      .orderBy(s.adminAuditLog.at, s.adminAuditLog.id);

  beforeAll(async () => {
    fake = await startFakeStripe();
    w = await adminWorld(kind, {
      STRIPE_SECRET_KEY: "sk_test_fake",
      STRIPE_WEBHOOK_SECRET: "whsec_test_admin",
      STRIPE_API_URL: fake.url,
    });
  });
  afterAll(async () => {
    await w?.t.close();
    await fake?.close();
  });

  it("when every transfer fails, says nothing was paid and all of it is back in the queue", async () => {
    const payee = await recipient("all_fail");
    await seedReleasedSplits(w.t, payee, [1200]);
    fake.fail.transfers = true;
    let res: Awaited<ReturnType<typeof approveForm>>;
    try {
      res = await approveForm(payee, "USD");
    } finally {
      fake.fail.transfers = false;
    }
    expect(res.status).toBe(303);
    expect(flashOf(res)).toEqual({
      kind: "error",
      text: `Payout of $12.00 failed: ${FAKE_REASON}. Nothing was paid; the $12.00 is back in the payout queue.`,
    });
    expect(await owed(payee)).toEqual([["USD", 1200]]);
    const [payout] = await db().select().from(s.payouts).where(eq(s.payouts.recipientId, payee));
    expect(payout?.status).toBe("failed");
    // Two audit rows: the approval (written with the claim, before any transfer) and the
    // outcome (written with the record of the transfers).
    const rows = await auditOf(payee);
    expect(rows.map((r) => r.action)).toEqual(["payout.approve", "payout.outcome"]);
    expect(rows[0]?.before).toMatchObject({ owed: [{ currency: "USD", cents: 1200 }] });
    expect(rows[0]?.after).toMatchObject({
      payoutId: payout?.id,
      cents: 1200,
      currency: "USD",
      status: "processing",
    });
    expect(rows[1]?.after).toMatchObject({
      payoutId: payout?.id,
      status: "failed",
      amountCents: 0,
      failedCents: 1200,
      error: FAKE_ERROR,
    });
  });

  it("on a partial failure tells what was paid and what failed, and lists the reason", async () => {
    const payee = await recipient("part_fail");
    const { splitIds } = await seedReleasedSplits(w.t, payee, [500, 700]);
    const failing = await enrollmentOf(splitIds[1] ?? "");
    expect(failing).not.toBe(await enrollmentOf(splitIds[0] ?? ""));
    fake.fail.transferGroups.add(`enrollment_${failing}`);
    let res: Awaited<ReturnType<typeof approveForm>>;
    try {
      res = await approveForm(payee, "USD");
    } finally {
      fake.fail.transferGroups.clear();
    }
    expect(flashOf(res)).toEqual({
      kind: "error",
      text: `Payout partly paid: $5.00 paid, $7.00 failed (${FAKE_REASON}). The $7.00 that failed is back in the payout queue.`,
    });
    expect(await owed(payee)).toEqual([["USD", 700]]);
    const [payout] = await db().select().from(s.payouts).where(eq(s.payouts.recipientId, payee));
    expect([payout?.status, payout?.amountCents]).toEqual(["completed", 500]);

    // The payouts list: filtered by status, each row with its failed transfers.
    const completed = await w.t.call("GET", "/api/admin/payouts?status=completed&q=part_fail", {
      token: w.admin.token,
    });
    expect(completed.status).toBe(200);
    expect(completed.body.items).toEqual([
      expect.objectContaining({
        id: payout?.id,
        status: "completed",
        amountCents: 500,
        failedCents: 700,
        failures: FAKE_ERROR,
      }),
    ]);
    const failed = await w.t.call("GET", "/api/admin/payouts?status=failed", {
      token: w.admin.token,
    });
    const failedTo = failed.body.items.map((p: { recipient: string }) => p.recipient);
    expect(failedTo).toContain("all_fail");
    expect(failedTo).not.toContain("part_fail");
    expect(failed.body.items.every((p: { status: string }) => p.status === "failed")).toBe(true);
    expect(
      (await w.t.call("GET", "/api/admin/payouts?status=lost", { token: w.admin.token })).status,
    ).toBe(400);
    const page = String(
      (
        await cookieCall(
          w.t,
          "GET",
          "/admin/money?payoutsStatus=completed&payoutsQ=part_fail",
          w.admin.token,
        )
      ).body,
    );
    expect(page).toContain(`$7.00: <span class="error-text">${FAKE_ERROR}</span>`);
    expect(page).toMatch(/<option value="completed" selected="">completed<\/option>/);
    const failedPage = String(
      (await cookieCall(w.t, "GET", "/admin/money?payoutsStatus=failed", w.admin.token)).body,
    );
    expect(failedPage).toContain("<td>all_fail</td>");
    expect(failedPage).not.toContain("<td>part_fail</td>");
  });

  it("pays a recipient owed in two currencies in each, from the queue row's form and the API", async () => {
    const payee = await recipient("two_cur");
    await seedReleasedSplits(w.t, payee, [300]);
    const eur = await seedReleasedSplits(w.t, payee, [400]);
    await inCurrency(eur.splitIds, "EUR");
    expect(await owed(payee)).toEqual([
      ["EUR", 400],
      ["USD", 300],
    ]);
    // The queue: one row and one Approve form per currency, each naming its currency.
    const money = String(
      (await cookieCall(w.t, "GET", "/admin/money?queueQ=two_cur", w.admin.token)).body,
    );
    expect(money.match(/name="currency" value="(EUR|USD)"/g)).toEqual([
      'name="currency" value="EUR"',
      'name="currency" value="USD"',
    ]);
    expect(money).toContain("Approve payout to two_cur: €4.00");
    expect(money).toContain("Approve payout to two_cur: $3.00");

    // Naming no currency is refused (and audited); nothing is claimed.
    const ambiguous = await approveApi({ recipientId: payee });
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.error.code).toBe("currency_required");
    expect(await owed(payee)).toHaveLength(2);

    const paidEur = await approveApi({ recipientId: payee, currency: "EUR" });
    expect(paidEur.status, JSON.stringify(paidEur.body)).toBe(200);
    expect(paidEur.body).toMatchObject({ status: "paid", currency: "EUR", amountCents: 400 });
    const usdForm = await approveForm(payee, "USD");
    expect(flashOf(usdForm)?.text).toMatch(/^Payout of \$3\.00 paid \(transfer tr_\w+\)\.$/);
    expect(await owed(payee)).toEqual([]);
    const payouts = await db()
      .select()
      .from(s.payouts)
      .where(eq(s.payouts.recipientId, payee))
      .orderBy(s.payouts.approvedAt);
    expect(payouts.map((p) => [p.currency, p.amountCents, p.status])).toEqual([
      ["EUR", 400, "completed"],
      ["USD", 300, "completed"],
    ]);
    const transfers = fake.requests.filter(
      (r) => r.path === "/v1/transfers" && r.params.destination === "acct_two_cur",
    );
    expect(transfers.map((t) => [t.params.currency, t.params.amount])).toEqual([
      ["eur", "400"],
      ["usd", "300"],
    ]);
    expect(
      (await auditOf(payee)).map((r) => [r.action, (r.after as { code?: string }).code]),
    ).toEqual([
      ["payout.approve", "currency_required"],
      ["payout.approve", undefined],
      ["payout.outcome", undefined],
      ["payout.approve", undefined],
      ["payout.outcome", undefined],
    ]);
  });

  it("keeps the API's old body working for a recipient owed in one currency", async () => {
    const payee = await recipient("one_cur");
    await seedReleasedSplits(w.t, payee, [250]);
    const res = await approveApi({ recipientId: payee });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "paid", currency: "USD", amountCents: 250 });
    expect((await approveApi({ recipientId: payee, currency: "usd" })).status).toBe(400);
  });

  it("offers no Approve button without a payout account, and audits refused approvals", async () => {
    const payee = await recipient("no_account", false);
    await seedReleasedSplits(w.t, payee, [900]);
    const money = String(
      (await cookieCall(w.t, "GET", "/admin/money?queueQ=no_account", w.admin.token)).body,
    );
    expect(money).toContain("no payout account");
    expect(money).not.toContain("Approve payout to no_account");
    const refused = await approveApi({ recipientId: payee });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("no_connected_account");
    // Someone owed nothing: refused too, and recorded.
    const nobody = await recipient("owed_nothing");
    const nothing = await approveApi({ recipientId: nobody });
    expect([nothing.status, nothing.body.error.code]).toEqual([409, "nothing_to_pay"]);
    const form = await approveForm(nobody, "USD");
    expect(flashOf(form)).toMatchObject({ kind: "error" });
    for (const [id, code, times] of [
      [payee, "no_connected_account", 1],
      [nobody, "nothing_to_pay", 2],
    ] as const) {
      const rows = await auditOf(id);
      expect(rows).toHaveLength(times);
      for (const row of rows) {
        expect(row).toMatchObject({ action: "payout.approve", actorId: w.admin.id });
        expect(row.after).toMatchObject({ outcome: "refused", code });
      }
    }
    expect(await db().select().from(s.payouts).where(eq(s.payouts.recipientId, payee))).toEqual([]);
    expect(await owed(payee)).toEqual([["USD", 900]]);
  });
});
