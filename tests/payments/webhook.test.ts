/**
 * The payment webhook against the real Stripe SDK's signatures: a paid checkout creates the
 * enrollment, transaction, splits, follower row and notifications at once; replays,
 * concurrent and out-of-order deliveries create nothing twice; a bad signature changes
 * nothing.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { platformAccountId } from "../../sync-server/payments/platform-account";
import { databaseKinds } from "../support/test-db";
import {
  buy,
  checkoutRow,
  createMoneyWorld,
  deliver,
  type MoneyWorld,
  moneyCounts,
  PRICE,
  sessionEvent,
  sign,
  signAndDeliver,
  startCheckout,
} from "./money-world";

describe.each(databaseKinds())("payment webhook on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("enrolls on a paid checkout: transaction, splits, follower, notifications in one go", async () => {
    const learner = w.learners[0];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner);
    expect(res.status).toBe(201);
    const checkoutId = res.body.checkout.id;
    const before = await moneyCounts(w.db);
    const paid = await signAndDeliver(
      w,
      await sessionEvent(w, checkoutId, "checkout.session.completed"),
    );
    expect([paid.status, paid.body]).toEqual([200, { received: true, outcome: "enrolled" }]);

    const row = await checkoutRow(w, checkoutId);
    expect(row.status).toBe("paid");
    const [enrollment] = await w.db
      .select()
      .from(s.enrollments)
      .where(eq(s.enrollments.id, row.enrollmentId ?? ""));
    expect(enrollment).toMatchObject({
      studentId: learner.id,
      courseId: w.course.id,
      studentTeacherId: w.teacher.id,
      status: "enrolled",
    });
    const [txn] = await w.db
      .select()
      .from(s.transactions)
      .where(eq(s.transactions.enrollmentId, row.enrollmentId ?? ""));
    expect(txn).toMatchObject({ amountCents: PRICE, status: "completed", currency: "USD" });
    expect(txn?.stripePaymentId).toBe(`pi_${checkoutId.replaceAll("-", "")}`);
    const splits = await w.db
      .select()
      .from(s.paymentSplits)
      .where(eq(s.paymentSplits.transactionId, txn?.id ?? ""));
    const platform = await platformAccountId(w.db);
    expect(
      splits
        .map((x) => [x.recipientType, x.recipientId, x.amountCents, x.percentage, x.status])
        .sort(),
    ).toEqual(
      [
        ["creator", w.creator.id, 749, 15, "pending"],
        ["platform", platform, 751, 15, "pending"],
        ["student_teacher", w.teacher.id, 3499, 70, "pending"],
      ].sort(),
    );
    const followers = await w.db
      .select()
      .from(s.instructorFollowers)
      .where(
        and(
          eq(s.instructorFollowers.instructorId, w.creator.id),
          eq(s.instructorFollowers.followerId, learner.id),
        ),
      );
    expect(followers).toHaveLength(1);
    const notes = await w.db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.type, "enrollment"));
    expect(notes.map((n) => n.userId).sort()).toEqual([learner.id, w.teacher.id].sort());
    const after = await moneyCounts(w.db);
    expect(after).toMatchObject({
      enrollments: (before?.enrollments ?? 0) + 1,
      transactions: (before?.transactions ?? 0) + 1,
      splits: (before?.splits ?? 0) + 3,
      followers: (before?.followers ?? 0) + 1,
      events: (before?.events ?? 0) + 1,
    });
    // The learner's device sees the checkout as paid, with its enrollment.
    const polled = await w.t.call("GET", `/api/checkout/${checkoutId}`, { token: learner.token });
    expect(polled.body.checkout).toMatchObject({ status: "paid", enrollmentId: row.enrollmentId });
  });

  it("ignores a replayed event, a second event for the same checkout, and a late expiry", async () => {
    const learner = w.learners[1];
    if (!learner) throw new Error("no learner");
    const { checkoutId } = await buy(w, learner);
    const before = await moneyCounts(w.db);
    const replay = await sessionEvent(
      w,
      checkoutId,
      "checkout.session.completed",
      {},
      "evt_replayed_once",
    );
    const first = await signAndDeliver(w, replay);
    expect(first.body.outcome).toBe("already_paid");
    const again = await signAndDeliver(w, replay);
    expect(again.body.outcome).toBe("duplicate");
    const expired = await signAndDeliver(
      w,
      await sessionEvent(w, checkoutId, "checkout.session.expired"),
    );
    expect(expired.body.outcome).toBe("closed_already");
    expect((await checkoutRow(w, checkoutId)).status).toBe("paid");
    const after = await moneyCounts(w.db);
    expect({ ...after, events: 0 }).toEqual({ ...before, events: 0 });
    expect(after?.events).toBe((before?.events ?? 0) + 2);
  });

  it("creates one enrollment from many concurrent deliveries (same and different event ids)", async () => {
    const learner = w.learners[2];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner);
    const checkoutId = res.body.checkout.id;
    const before = await moneyCounts(w.db);
    const payloads = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sessionEvent(
          w,
          checkoutId,
          "checkout.session.completed",
          {},
          `evt_concurrent_${i % 3}_${checkoutId}`,
        ),
      ),
    );
    const signed = await Promise.all(payloads.map(async (p) => [p, await sign(w, p)] as const));
    const answers = await Promise.all(signed.map(([p, h]) => deliver(w, p, h)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const outcomes = answers.map((a) => a.body.outcome);
    expect(outcomes.filter((o) => o === "enrolled")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(5);
    const after = await moneyCounts(w.db);
    expect(after?.enrollments).toBe((before?.enrollments ?? 0) + 1);
    expect(after?.transactions).toBe((before?.transactions ?? 0) + 1);
    expect(after?.splits).toBe((before?.splits ?? 0) + 3);
    expect(after?.events).toBe((before?.events ?? 0) + 3);
  });

  it("marks an expired checkout; expiry is final: a later payment enrolls no one and is refunded", async () => {
    const learner = w.learners[3];
    if (!learner) throw new Error("no learner");
    const open = await startCheckout(w, learner);
    const checkoutId = open.body.checkout.id;
    const before = await moneyCounts(w.db);
    const exp = await signAndDeliver(
      w,
      await sessionEvent(w, checkoutId, "checkout.session.expired"),
    );
    expect(exp.body.outcome).toBe("expired");
    expect((await checkoutRow(w, checkoutId)).status).toBe("expired");
    // A payment after the expiry (out of order, or a late async success): the learner was
    // told nothing was charged, so the money goes back and nobody is enrolled.
    const refundsBefore = w.fake?.requests.filter((r) => r.path === "/v1/refunds").length ?? 0;
    const late = await signAndDeliver(
      w,
      await sessionEvent(w, checkoutId, "checkout.session.async_payment_succeeded"),
    );
    expect([late.status, late.body.outcome]).toEqual([200, "refund_due"]);
    const row = await checkoutRow(w, checkoutId);
    expect([row.status, row.failureReason, row.enrollmentId]).toEqual([
      "failed",
      "checkout_expired",
      null,
    ]);
    const refunds = w.fake?.requests.filter((r) => r.path === "/v1/refunds") ?? [];
    expect(refunds).toHaveLength(refundsBefore + 1);
    expect(refunds.at(-1)?.params.payment_intent).toBe(`pi_${checkoutId.replaceAll("-", "")}`);
    const [owed] = await w.db
      .select()
      .from(s.refundsOwed)
      .where(eq(s.refundsOwed.checkoutId, checkoutId));
    expect([owed?.reason, owed?.amountCents, owed?.refundId?.startsWith("re_")]).toEqual([
      "checkout_expired",
      PRICE,
      true,
    ]);
    expect((await moneyCounts(w.db))?.enrollments).toBe(before?.enrollments);
    // Not enrolled: the learner may check out again.
    const again = await startCheckout(w, learner);
    expect(again.status).toBe(201);
  });

  it("refunds a payment that arrives for a learner already enrolled by another checkout", async () => {
    const learner = w.learners[4];
    if (!learner) throw new Error("no learner");
    const a = await startCheckout(w, learner);
    const b = await startCheckout(w, learner);
    await signAndDeliver(
      w,
      await sessionEvent(w, a.body.checkout.id, "checkout.session.completed"),
    );
    const before = await moneyCounts(w.db);
    const refundsBefore = w.fake?.requests.filter((r) => r.path === "/v1/refunds").length ?? 0;
    const late = await signAndDeliver(
      w,
      await sessionEvent(w, b.body.checkout.id, "checkout.session.completed"),
    );
    expect(late.body.outcome).toBe("refund_due");
    const row = await checkoutRow(w, b.body.checkout.id);
    expect([row.status, row.failureReason, row.enrollmentId]).toEqual([
      "failed",
      "already_enrolled",
      null,
    ]);
    const refunds = w.fake?.requests.filter((r) => r.path === "/v1/refunds") ?? [];
    expect(refunds).toHaveLength(refundsBefore + 1);
    expect(refunds.at(-1)?.params.payment_intent).toBe(
      `pi_${b.body.checkout.id.replaceAll("-", "")}`,
    );
    expect({ ...(await moneyCounts(w.db)), events: 0 }).toEqual({ ...before, events: 0 });
  });

  it("enrolls once when two checkouts of one learner are paid at the same moment", async () => {
    const learner = w.learners[6];
    if (!learner) throw new Error("no learner");
    const a = await startCheckout(w, learner);
    const b = await startCheckout(w, learner);
    const before = await moneyCounts(w.db);
    const events = await Promise.all(
      [a, b].map((r) => sessionEvent(w, r.body.checkout.id, "checkout.session.completed")),
    );
    const signed = await Promise.all(events.map(async (p) => [p, await sign(w, p)] as const));
    const answers = await Promise.all(signed.map(([p, h]) => deliver(w, p, h)));
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    expect(answers.map((x) => x.body.outcome).sort()).toEqual(["enrolled", "refund_due"]);
    const after = await moneyCounts(w.db);
    expect(after?.enrollments).toBe((before?.enrollments ?? 0) + 1);
    expect(after?.transactions).toBe((before?.transactions ?? 0) + 1);
  });

  it("refuses a payment of another amount than the checkout's price", async () => {
    const learner = w.learners[5];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner);
    const before = await moneyCounts(w.db);
    const cheap = await signAndDeliver(
      w,
      await sessionEvent(w, res.body.checkout.id, "checkout.session.completed", {
        amount_total: 100,
      }),
    );
    expect(cheap.body.outcome).toBe("refund_due");
    expect((await checkoutRow(w, res.body.checkout.id)).failureReason).toBe("amount_mismatch");
    expect((await moneyCounts(w.db))?.enrollments).toBe(before?.enrollments);
    // Its money went back: a later success event (another event id, the right amount) is
    // not a payment of this checkout any more.
    const later = await signAndDeliver(
      w,
      await sessionEvent(w, res.body.checkout.id, "checkout.session.completed"),
    );
    expect([later.status, later.body.outcome]).toEqual([200, "closed_already"]);
    expect((await checkoutRow(w, res.body.checkout.id)).status).toBe("failed");
    expect((await moneyCounts(w.db))?.enrollments).toBe(before?.enrollments);
  });

  it("never enrolls on a success after refund, even once the learner's other enrollment is cancelled", async () => {
    const learner = w.learners[7];
    if (!learner) throw new Error("no learner");
    const a = await startCheckout(w, learner);
    const b = await startCheckout(w, learner);
    await signAndDeliver(
      w,
      await sessionEvent(w, a.body.checkout.id, "checkout.session.completed"),
    );
    const refused = await signAndDeliver(
      w,
      await sessionEvent(w, b.body.checkout.id, "checkout.session.completed"),
    );
    expect(refused.body.outcome).toBe("refund_due");
    // The learner cancels the enrollment they have (refunded): nothing blocks enrolling now.
    const enrollmentId = (await checkoutRow(w, a.body.checkout.id)).enrollmentId as string;
    const cancelled = await w.t.call("POST", `/api/enrollments/${enrollmentId}/cancel`, {
      token: learner.token,
      body: {},
    });
    expect(cancelled.status).toBe(200);
    const before = await moneyCounts(w.db);
    const refundsBefore = w.fake?.requests.filter((r) => r.path === "/v1/refunds").length ?? 0;
    const again = await signAndDeliver(
      w,
      await sessionEvent(w, b.body.checkout.id, "checkout.session.async_payment_succeeded"),
    );
    expect([again.status, again.body.outcome]).toEqual([200, "closed_already"]);
    const row = await checkoutRow(w, b.body.checkout.id);
    expect([row.status, row.failureReason, row.enrollmentId]).toEqual([
      "failed",
      "already_enrolled",
      null,
    ]);
    expect({ ...(await moneyCounts(w.db)), events: 0 }).toEqual({ ...before, events: 0 });
    expect(w.fake?.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(refundsBefore);
    const live = await w.db
      .select()
      .from(s.enrollments)
      .where(and(eq(s.enrollments.studentId, learner.id), eq(s.enrollments.status, "enrolled")));
    expect(live).toEqual([]);
  });

  it("rejects a tampered body, a stale or wrong signature, or none, with 400 and no change", async () => {
    const learner = w.learners[5];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner, { teacherId: w.creator.id });
    const checkoutId = res.body.checkout.id;
    const payload = await sessionEvent(w, checkoutId, "checkout.session.completed");
    const header = await sign(w, payload);
    const before = await moneyCounts(w.db);
    const tampered = payload.replace(`"amount_total":${PRICE}`, `"amount_total":${PRICE + 1}`);
    expect(tampered).not.toBe(payload);
    const stale = await sign(w, payload, Math.floor(Date.now() / 1000) - 600);
    const wrongSecret = header.replace(/v1=[0-9a-f]+/, `v1=${"0".repeat(64)}`);
    for (const [body, h] of [
      [tampered, header],
      [payload, stale],
      [payload, wrongSecret],
      [payload, undefined],
      [`${payload} `, header],
    ] as const) {
      const answer = await deliver(w, body, h);
      expect([answer.status, answer.body.error.code]).toEqual([400, "invalid_signature"]);
    }
    expect(await moneyCounts(w.db)).toEqual(before);
    expect((await checkoutRow(w, checkoutId)).status).toBe("open");
    // The genuine delivery still works afterwards.
    expect((await deliver(w, payload, header)).body.outcome).toBe("enrolled");
  });

  it("gives the creator two rows when the creator teaches: the creator share and the teaching share", async () => {
    const [row] = await w.db
      .select()
      .from(s.enrollments)
      .where(
        and(
          eq(s.enrollments.studentId, w.learners[5]?.id ?? ""),
          eq(s.enrollments.courseId, w.course.id),
        ),
      );
    expect(row?.studentTeacherId).toBeNull();
    const [txn] = await w.db
      .select()
      .from(s.transactions)
      .where(eq(s.transactions.enrollmentId, row?.id ?? ""));
    const splits = await w.db
      .select()
      .from(s.paymentSplits)
      .where(eq(s.paymentSplits.transactionId, txn?.id ?? ""));
    const mine = splits
      .filter((x) => x.recipientId === w.creator.id)
      .map((x) => [x.recipientType, x.amountCents]);
    expect(mine.sort()).toEqual([
      ["creator", 749],
      ["student_teacher", 3499],
    ]);
    expect(splits.reduce((n, x) => n + x.amountCents, 0)).toBe(PRICE);
  });

  it("records signed events it does not use, and events for unknown checkouts, without failing", async () => {
    const before = await moneyCounts(w.db);
    const other = JSON.stringify({
      id: "evt_other_type",
      object: "event",
      type: "customer.created",
      data: { object: {} },
    });
    expect((await signAndDeliver(w, other)).body.outcome).toBe("ignored");
    const unknown = JSON.stringify({
      id: "evt_unknown_checkout",
      object: "event",
      type: "checkout.session.completed",
      data: {
        object: {
          id: "cs_test_not_ours",
          amount_total: 1,
          currency: "usd",
          payment_status: "paid",
        },
      },
    });
    expect((await signAndDeliver(w, unknown)).body.outcome).toBe("unknown_checkout");
    const after = await moneyCounts(w.db);
    expect({ ...after, events: 0 }).toEqual({ ...before, events: 0 });
    expect(after?.events).toBe((before?.events ?? 0) + 2);
  });

  it("refuses a signed event of the wrong shape with 400 invalid_event, recording nothing", async () => {
    const learner = w.learners[3];
    if (!learner) throw new Error("no learner");
    const open = await startCheckout(w, learner);
    const good = JSON.parse(
      await sessionEvent(w, open.body.checkout.id, "checkout.session.completed"),
    );
    const before = await moneyCounts(w.db);
    const session = good.data.object;
    const shapes: Record<string, unknown>[] = [
      { ...good, id: undefined },
      { ...good, id: "" },
      { ...good, id: 42 },
      { ...good, type: undefined },
      { ...good, data: undefined },
      { ...good, data: {} },
      { ...good, data: { object: "cs_x" } },
      { ...good, data: { object: { ...session, id: undefined } } },
      { ...good, data: { object: { ...session, amount_total: "4999" } } },
      { ...good, data: { object: { ...session, payment_intent: 7 } } },
      { ...good, type: "customer.created", data: null },
    ];
    for (const shape of shapes) {
      const res = await signAndDeliver(w, JSON.stringify(shape));
      expect([res.status, res.body.error?.code], JSON.stringify(shape).slice(0, 120)).toEqual([
        400,
        "invalid_event",
      ]);
    }
    for (const body of ["[1, 2]", "{nope"]) {
      const res = await signAndDeliver(w, body);
      expect([res.status, res.body.error?.code], body).toEqual([400, "invalid_event"]);
    }
    expect(await moneyCounts(w.db)).toEqual(before);
    expect((await checkoutRow(w, open.body.checkout.id)).status).toBe("open");
    // The well-formed event still enrolls.
    expect((await signAndDeliver(w, JSON.stringify(good))).body.outcome).toBe("enrolled");
  });

  it("still applies the body limit to the webhook", async () => {
    const big = JSON.stringify({ id: "evt_big", pad: "x".repeat(w.t.deps.config.MAX_BODY_BYTES) });
    const res = await deliver(w, big, await sign(w, big));
    expect([res.status, res.body.error.code]).toEqual([413, "payload_too_large"]);
  });
});
