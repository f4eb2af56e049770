/**
 * Money is decided only on the server: a learner cannot create an enrollment, a
 * transaction or a split through sync or the API, nor enroll for free by faking a webhook.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { push } from "../support/sync-protocol";
import { databaseKinds } from "../support/test-db";
import {
  createMoneyWorld,
  type MoneyWorld,
  moneyCounts,
  sessionEvent,
  startCheckout,
} from "./money-world";

describe.each(databaseKinds())("money authority on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("refuses an enrollment pushed through sync, and stores nothing", async () => {
    const learner = w.learners[0];
    if (!learner) throw new Error("no learner");
    const before = await moneyCounts(w.db);
    const now = new Date().toISOString();
    const res = await push(w.t, learner.token, "enrollments", [
      {
        newDocumentState: {
          id: uuidv7(),
          studentId: learner.id,
          courseId: w.course.id,
          studentTeacherId: w.teacher.id,
          status: "enrolled",
          enrolledAt: now,
          completedAt: null,
          cancelledAt: null,
          cancelReason: null,
        },
      },
    ]);
    expect([res.status, res.body.error.code]).toEqual([403, "push_rejected"]);
    expect(res.body.error.details.rejected[0].code).toBe("server_owned");
    expect(await moneyCounts(w.db)).toEqual(before);
  });

  it.each(["transactions", "payment_splits", "splits", "payouts", "checkout_sessions", "earnings"])(
    "has no sync collection %s to push to",
    async (collection) => {
      const learner = w.learners[0];
      if (!learner) throw new Error("no learner");
      const res = await push(w.t, learner.token, collection, [
        { newDocumentState: { id: uuidv7(), amountCents: 1, status: "paid" } },
      ]);
      expect([res.status, res.body.error.code]).toEqual([404, "unknown_collection"]);
    },
  );

  it.each([
    ["POST", "/api/enrollments"],
    ["POST", "/api/transactions"],
    ["POST", "/api/payment-splits"],
    ["PUT", "/api/earnings"],
    ["POST", "/api/payouts"],
  ])("has no API to %s %s", async (method, path) => {
    const learner = w.learners[0];
    if (!learner) throw new Error("no learner");
    const before = await moneyCounts(w.db);
    const res = await w.t.call(method, path, {
      token: learner.token,
      body: { courseId: w.course.id, amountCents: 0, status: "completed" },
    });
    // 404 where nothing is at the path, 405 where it only reads (GET /api/earnings).
    expect(res.status).toBe(path === "/api/earnings" ? 405 : 404);
    expect(await moneyCounts(w.db)).toEqual(before);
  });

  it("cannot enroll by posting an unsigned or self-signed completed event", async () => {
    const learner = w.learners[1];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner);
    const payload = await sessionEvent(w, res.body.checkout.id, "checkout.session.completed");
    const before = await moneyCounts(w.db);
    const { default: Stripe } = await import("stripe");
    const forged = new Stripe("sk_x").webhooks.generateTestHeaderString({
      payload,
      secret: "whsec_guess",
    });
    for (const header of [undefined, forged]) {
      const r = await w.t.call("POST", "/api/payments/webhook", {
        rawBody: payload,
        headers: header ? { "stripe-signature": header } : {},
        token: learner.token,
      });
      expect([r.status, r.body.error.code]).toEqual([400, "invalid_signature"]);
    }
    expect(await moneyCounts(w.db)).toEqual(before);
  });

  it("does not let a learner cancel someone else's enrollment or see their checkout", async () => {
    const a = w.learners[2];
    const b = w.learners[3];
    if (!a || !b) throw new Error("no learner");
    const res = await startCheckout(w, a);
    const seen = await w.t.call("GET", `/api/checkout/${res.body.checkout.id}`, { token: b.token });
    expect(seen.status).toBe(404);
    const cancel = await w.t.call("POST", `/api/enrollments/${uuidv7()}/cancel`, {
      token: b.token,
      body: {},
    });
    expect([cancel.status, cancel.body.error.code]).toEqual([404, "not_found"]);
  });
});
