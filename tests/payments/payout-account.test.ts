/**
 * Payout-account onboarding: only earners may set one up; with Stripe one Express account
 * per user (even when asked twice at once) and an Account Link, payable only once Stripe
 * says so; locally ready at once. Either way an admin's payout then reaches that account.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { ApiError } from "../../sync-server/http/errors";
import { approvePayout } from "../../sync-server/payments/payouts";
import { releasedSplits } from "../support/admin-seed";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld, type Person } from "./money-world";

const PATH = "/api/payments/payout-account";

async function rowsOf(w: MoneyWorld, userId: string) {
  const onboarding = await w.db
    .select()
    .from(s.payoutOnboarding)
    .where(eq(s.payoutOnboarding.userId, userId));
  const payable = await w.db
    .select()
    .from(s.paymentAccounts)
    .where(eq(s.paymentAccounts.userId, userId));
  return { onboarding, payable };
}

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (err) => (err instanceof ApiError ? `${err.status} ${err.code}` : String(err)),
  );

async function refusesNonEarners(w: MoneyWorld) {
  for (const who of [w.learners[0], w.employer, w.admin] as Person[]) {
    for (const method of ["GET", "POST"]) {
      const res = await w.t.call(method, PATH, { token: who.token });
      expect([who.handle, method, res.status, res.body.error?.code]).toEqual([
        who.handle,
        method,
        403,
        "forbidden",
      ]);
    }
  }
  expect((await w.t.call("POST", PATH)).status).toBe(401);
  expect(await w.db.select().from(s.payoutOnboarding)).toHaveLength(0);
}

describe.each(databaseKinds())("payout account on Stripe (fake) on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });
  const fakeStripe = () => {
    if (!w.fake) throw new Error("no fake Stripe");
    return w.fake;
  };
  const requestsTo = (path: string) => fakeStripe().requests.filter((r) => r.path === path);

  it("refuses learners, employers and admins (403) and the signed-out (401)", async () => {
    await refusesNonEarners(w);
    expect(requestsTo("/v1/accounts")).toHaveLength(0);
  });

  it("creates one Express account even when asked twice at once, and links to onboarding", async () => {
    const before = await w.t.call("GET", PATH, { token: w.teacher.token });
    expect(before.body).toEqual({ state: "none", provider: "stripe", url: null });

    const [a, b] = await Promise.all([
      w.t.call("POST", PATH, { token: w.teacher.token }),
      w.t.call("POST", PATH, { token: w.teacher.token }),
    ]);
    const created = requestsTo("/v1/accounts");
    expect(created).toHaveLength(1);
    expect(created[0]?.params).toMatchObject({
      type: "express",
      email: `${w.teacher.handle}@example.com`,
      "capabilities[transfers][requested]": "true",
      "metadata[userId]": w.teacher.id,
    });
    expect(created[0]?.idempotencyKey).toBe(`payout-account-${w.teacher.id}`);
    const { onboarding, payable } = await rowsOf(w, w.teacher.id);
    expect(onboarding).toHaveLength(1);
    const accountId = onboarding[0]?.stripeAccountId ?? "";
    expect(accountId).toMatch(/^acct_/);
    expect(onboarding[0]?.readyAt).toBeNull();
    expect(payable).toHaveLength(0);

    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: "onboarding", provider: "stripe" });
      expect(res.body.url).toMatch(
        new RegExp(`^https://connect\\.stripe\\.test/setup/e/${accountId}/`),
      );
    }
    const links = requestsTo("/v1/account_links");
    expect(links).toHaveLength(2);
    expect(links[0]?.params).toMatchObject({
      account: accountId,
      type: "account_onboarding",
      refresh_url: `${w.t.deps.config.publicUrl}/earnings?payouts=refresh`,
      return_url: `${w.t.deps.config.publicUrl}/earnings?payouts=done`,
    });

    // Coming back later (the link expired): the same account, a fresh link.
    const again = await w.t.call("POST", PATH, { token: w.teacher.token });
    expect(again.body.state).toBe("onboarding");
    expect(again.body.url).not.toBe(a.body.url);
    expect(requestsTo("/v1/accounts")).toHaveLength(1);
    expect([...fakeStripe().objects.values()].filter((o) => o.object === "account")).toHaveLength(
      1,
    );
  });

  it("stays onboarding until Stripe says the account can receive transfers", async () => {
    const [row] = (await rowsOf(w, w.teacher.id)).onboarding;
    const accountId = row?.stripeAccountId ?? "";
    const asked = requestsTo(`/v1/accounts/${accountId}`).length;
    const res = await w.t.call("GET", PATH, { token: w.teacher.token });
    expect(res.body).toEqual({ state: "onboarding", provider: "stripe", url: null });
    expect(requestsTo(`/v1/accounts/${accountId}`)).toHaveLength(asked + 1);
    expect((await rowsOf(w, w.teacher.id)).payable).toHaveLength(0);

    // Not yet payable: an admin's payout is refused and nothing is claimed.
    await buy(w, w.learners[0] as Person);
    await releasedSplits(w.db, w.teacher.id, [1500, 500]);
    expect(
      await codeOf(approvePayout(w.t.deps, { recipientId: w.teacher.id, approvedBy: w.admin.id })),
    ).toBe("409 no_connected_account");

    fakeStripe().completeOnboarding(accountId);
    const ready = await w.t.call("GET", PATH, { token: w.teacher.token });
    expect(ready.body).toEqual({ state: "ready", provider: "stripe", url: null });
    const after = await rowsOf(w, w.teacher.id);
    expect(after.payable.map((p) => p.stripeAccountId)).toEqual([accountId]);
    expect(after.onboarding[0]?.readyAt).toBeInstanceOf(Date);

    // Ready: no more links, no more calls to Stripe.
    const calls = fakeStripe().requests.length;
    const post = await w.t.call("POST", PATH, { token: w.teacher.token });
    expect(post.body).toEqual({ state: "ready", provider: "stripe", url: null });
    expect(fakeStripe().requests.length).toBe(calls);
  });

  it("an admin's payout approval then transfers to the onboarded account", async () => {
    const [row] = (await rowsOf(w, w.teacher.id)).payable;
    const result = await approvePayout(w.t.deps, {
      recipientId: w.teacher.id,
      approvedBy: w.admin.id,
    });
    expect(result).toMatchObject({ status: "paid", amountCents: 2000, error: null });
    const transfers = requestsTo("/v1/transfers");
    expect(transfers).toHaveLength(1);
    expect(transfers[0]?.params).toMatchObject({
      destination: row?.stripeAccountId,
      amount: "2000",
    });
    const releases = await w.db.select().from(s.splitReleases);
    const paid = releases.filter((r) => r.payoutId === result.payoutId);
    expect(paid).toHaveLength(2);
    expect(paid.every((r) => r.paidAt instanceof Date)).toBe(true);
  });

  it("a Stripe failure is a 502 and stores nothing; asking again works", async () => {
    fakeStripe().fail.accounts = true;
    let res: Awaited<ReturnType<typeof w.t.call>>;
    try {
      res = await w.t.call("POST", PATH, { token: w.creator.token });
    } finally {
      fakeStripe().fail.accounts = false;
    }
    expect([res.status, res.body.error?.code]).toEqual([502, "payment_provider_error"]);
    expect((await rowsOf(w, w.creator.id)).onboarding).toHaveLength(0);
    const retry = await w.t.call("POST", PATH, { token: w.creator.token });
    expect([retry.status, retry.body.state]).toEqual([200, "onboarding"]);
    expect((await rowsOf(w, w.creator.id)).onboarding).toHaveLength(1);
  });

  it("a failed link or status check is a 502; the account is kept and reused", async () => {
    const accounts = requestsTo("/v1/accounts").length;
    fakeStripe().fail.accountLinks = true;
    let res: Awaited<ReturnType<typeof w.t.call>>;
    try {
      res = await w.t.call("POST", PATH, { token: w.creator.token });
    } finally {
      fakeStripe().fail.accountLinks = false;
    }
    expect([res.status, res.body.error?.code]).toEqual([502, "payment_provider_error"]);
    const [row] = (await rowsOf(w, w.creator.id)).onboarding;
    // Stripe forgetting the account (deleted in its dashboard): the check fails loudly.
    const account = fakeStripe().objects.get(row?.stripeAccountId ?? "");
    fakeStripe().objects.delete(row?.stripeAccountId ?? "");
    const status = await w.t.call("GET", PATH, { token: w.creator.token });
    expect([status.status, status.body.error?.code]).toEqual([502, "payment_provider_error"]);
    fakeStripe().objects.set(row?.stripeAccountId ?? "", account ?? {});
    const again = await w.t.call("POST", PATH, { token: w.creator.token });
    expect(again.body.url).toContain(row?.stripeAccountId);
    expect(requestsTo("/v1/accounts")).toHaveLength(accounts);
    expect((await rowsOf(w, w.creator.id)).payable).toHaveLength(0);
  });
});

describe.each(databaseKinds())("payout account on the local provider on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("refuses learners, employers and admins (403) and the signed-out (401)", async () => {
    await refusesNonEarners(w);
  });

  it("is ready at once with one local account, even when asked twice at once", async () => {
    const before = await w.t.call("GET", PATH, { token: w.creator.token });
    expect(before.body).toEqual({ state: "none", provider: "local", url: null });
    const answers = await Promise.all([
      w.t.call("POST", PATH, { token: w.creator.token }),
      w.t.call("POST", PATH, { token: w.creator.token }),
    ]);
    for (const res of answers) {
      expect([res.status, res.body]).toEqual([
        200,
        { state: "ready", provider: "local", url: null },
      ]);
    }
    const { onboarding, payable } = await rowsOf(w, w.creator.id);
    expect(onboarding).toHaveLength(1);
    expect(onboarding[0]?.stripeAccountId).toMatch(/^acct_local_[0-9a-f]{24}$/);
    expect(payable.map((p) => p.stripeAccountId)).toEqual([onboarding[0]?.stripeAccountId]);
    const after = await w.t.call("GET", PATH, { token: w.creator.token });
    expect(after.body.state).toBe("ready");
  });

  it("never declares a Stripe account payable while running on the local provider", async () => {
    await w.db
      .insert(s.payoutOnboarding)
      .values({ userId: w.teacher.id, provider: "stripe", stripeAccountId: "acct_from_stripe" });
    const res = await w.t.call("POST", PATH, { token: w.teacher.token });
    expect(res.body).toEqual({ state: "onboarding", provider: "local", url: null });
    expect((await rowsOf(w, w.teacher.id)).payable).toHaveLength(0);
  });

  it("an admin's payout approval then records a local transfer", async () => {
    await buy(w, w.learners[0] as Person);
    const { total } = await releasedSplits(w.db, w.creator.id, [700, 300]);
    const result = await approvePayout(w.t.deps, {
      recipientId: w.creator.id,
      approvedBy: w.admin.id,
    });
    expect(result).toMatchObject({ status: "paid", amountCents: total, error: null });
    expect(result.transferId).toMatch(/^tr_local_/);
    const [payout] = await w.db.select().from(s.payouts).where(eq(s.payouts.id, result.payoutId));
    expect([payout?.status, payout?.recipientId]).toEqual(["completed", w.creator.id]);
  });
});
