/**
 * Starting a checkout: the teacher must be eligible, the price comes from the database, bad
 * requests get clear 4xx codes and store nothing; on Stripe the session carries the
 * metadata; without keys the local provider's page pays through the same signed webhook.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import {
  checkoutRow,
  createMoneyWorld,
  type MoneyWorld,
  moneyCounts,
  PRICE,
  startCheckout,
} from "./money-world";

const checkoutCount = async (w: MoneyWorld) =>
  (await w.db.select().from(s.checkoutSessions)).length;

describe.each(databaseKinds())("checkout on Stripe (fake) on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("lists the creator and the active Student-Teachers, not the paused one", async () => {
    const res = await w.t.call("GET", `/api/courses/${w.course.slug}/teachers`);
    expect(res.status).toBe(200);
    expect(
      res.body.teachers.map((t: { id: string; isCreator: boolean }) => [t.id, t.isCreator]),
    ).toEqual([
      [w.creator.id, true],
      [w.teacher.id, false],
    ]);
    const missing = await w.t.call("GET", "/api/courses/no-such-course/teachers");
    expect([missing.status, missing.body.error.code]).toEqual([404, "not_found"]);
  });

  it("creates a Stripe Checkout Session at the database's price with the metadata", async () => {
    const learner = w.learners[0];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner, { amountCents: 1 });
    expect(res.status).toBe(201);
    const c = res.body.checkout;
    expect(c).toMatchObject({
      status: "open",
      provider: "stripe",
      amountCents: PRICE,
      currency: "USD",
      sponsored: false,
    });
    expect(c.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const call = w.fake?.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1);
    expect(call?.params).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": String(PRICE),
      "line_items[0][price_data][currency]": "usd",
      "metadata[learnerId]": learner.id,
      "metadata[courseId]": w.course.id,
      "metadata[teacherId]": w.teacher.id,
      "metadata[sponsorId]": "",
      "metadata[checkoutId]": c.id,
      client_reference_id: c.id,
    });
    expect(call?.params).not.toHaveProperty("payment_method_types[0]");
    expect(call?.idempotencyKey).toBe(`checkout-${c.id}`);
    expect(call?.authorization).toBe("Bearer sk_test_fake");
    const row = await checkoutRow(w, c.id);
    expect(row.providerSessionId).toMatch(/^cs_test_/);
    // The terms are stored with the checkout, and the payment carries the transfer group
    // of the enrollment it will become (the group its payout transfers use).
    expect([row.teacherCommission, row.teacherRole]).toEqual([70, "student_teacher"]);
    expect(call?.params["payment_intent_data[transfer_group]"]).toBe(
      `enrollment_${row.plannedEnrollmentId}`,
    );
    expect(call?.params["metadata[enrollmentId]"]).toBe(row.plannedEnrollmentId);
    expect(c.courseSlug).toBe(w.course.slug);
  });

  it("refuses bad requests with clear codes and stores nothing", async () => {
    const learner = w.learners[1];
    if (!learner) throw new Error("no learner");
    const before = await checkoutCount(w);
    const cases: [Record<string, unknown>, string | undefined, number, string][] = [
      [{}, undefined, 401, "unauthorized"],
      [{ courseSlug: "no-such-course" }, learner.token, 404, "not_found"],
      [{ courseSlug: w.retired.slug }, learner.token, 409, "course_unavailable"],
      [{ teacherId: w.pausedTeacher.id }, learner.token, 422, "teacher_not_eligible"],
      [{ teacherId: learner.id }, learner.token, 422, "teacher_not_eligible"],
      [{ teacherId: "not-a-uuid" }, learner.token, 400, "validation_failed"],
      [{ courseId: w.course.id }, learner.token, 400, "validation_failed"],
      [{ learner: w.learners[2]?.handle }, learner.token, 403, "forbidden"],
      [{}, w.creator.token, 409, "already_enrolled"],
    ];
    for (const [body, token, status, code] of cases) {
      const res = await w.t.call("POST", "/api/checkout", {
        ...(token ? { token } : {}),
        body: { courseSlug: w.course.slug, teacherId: w.teacher.id, ...body },
      });
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const raw = await w.t.call("POST", "/api/checkout", { token: learner.token, rawBody: "{nope" });
    expect([raw.status, raw.body.error.code]).toEqual([400, "invalid_json"]);
    expect(await checkoutCount(w)).toBe(before);
  });

  it("answers 502 when Stripe refuses, storing nothing", async () => {
    const learner = w.learners[1];
    if (!learner || !w.fake) throw new Error("setup");
    const before = await checkoutCount(w);
    w.fake.fail.checkout = true;
    try {
      const res = await startCheckout(w, learner);
      expect([res.status, res.body.error.code]).toEqual([502, "payment_provider_error"]);
    } finally {
      w.fake.fail.checkout = false;
    }
    expect(await checkoutCount(w)).toBe(before);
  });

  it("enrolls at once in a free course, without Stripe, through the signed webhook", async () => {
    const learner = w.learners[5];
    if (!learner || !w.fake) throw new Error("setup");
    await w.db.update(s.courses).set({ priceCents: 0 }).where(eq(s.courses.id, w.course.id));
    const stripeCalls = w.fake.requests.length;
    const before = await moneyCounts(w.db);
    try {
      const res = await startCheckout(w, learner);
      expect(res.status).toBe(201);
      expect(res.body.checkout).toMatchObject({
        status: "paid",
        amountCents: 0,
        provider: "local",
      });
      expect(res.body.checkout.url).toBe(`/checkout/return?checkout=${res.body.checkout.id}`);
      const after = await moneyCounts(w.db);
      // An enrollment and a 0.00 transaction; no split has anything to hold.
      expect(after).toMatchObject({
        enrollments: (before?.enrollments ?? 0) + 1,
        transactions: (before?.transactions ?? 0) + 1,
        splits: before?.splits,
        events: (before?.events ?? 0) + 1,
      });
      expect(w.fake.requests.length).toBe(stripeCalls);
      const cancel = await w.t.call(
        "POST",
        `/api/enrollments/${res.body.checkout.enrollmentId}/cancel`,
        {
          token: learner.token,
          body: {},
        },
      );
      expect(cancel.body).toMatchObject({ status: "cancelled", refundedCents: 0, refundId: null });
      expect(w.fake.requests.length).toBe(stripeCalls);
    } finally {
      await w.db.update(s.courses).set({ priceCents: PRICE }).where(eq(s.courses.id, w.course.id));
    }
  });

  it("shows a checkout only to its payer and learner", async () => {
    const learner = w.learners[3];
    const other = w.learners[4];
    if (!learner || !other) throw new Error("no learner");
    const res = await startCheckout(w, learner);
    const id = res.body.checkout.id;
    expect((await w.t.call("GET", `/api/checkout/${id}`, { token: learner.token })).status).toBe(
      200,
    );
    const theirs = await w.t.call("GET", `/api/checkout/${id}`, { token: other.token });
    expect([theirs.status, theirs.body.error.code]).toEqual([404, "not_found"]);
    expect((await w.t.call("GET", `/api/checkout/${id}`)).status).toBe(401);
    // Ids that are not uuids never reach the uuid column: 404, not a 500.
    for (const bad of ["junk", "-".repeat(36), "a".repeat(36), id.replaceAll("-", "x"), `${id}0`]) {
      const res = await w.t.call("GET", `/api/checkout/${encodeURIComponent(bad)}`, {
        token: learner.token,
      });
      expect([res.status, res.body.error?.code], bad).toEqual([404, "not_found"]);
    }
  });
});

describe.each(databaseKinds())("checkout on the local provider on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });

  it("pays on its own page through the signed webhook, once", async () => {
    const learner = w.learners[0];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner);
    expect(res.status).toBe(201);
    const c = res.body.checkout;
    expect(c.provider).toBe("local");
    const path = c.url;
    expect(path).toMatch(/^\/pay\/local\/cs_local_/);
    const pageRes = await w.t.app.request(path);
    expect(pageRes.status).toBe(200);
    const html = await pageRes.text();
    expect(html).toContain("$49.99");
    const token = html.match(/name="token" value="([^"]+)"/)?.[1];
    expect(token).toBeTruthy();

    const before = await moneyCounts(w.db);
    const forged = await w.t.app.request(path, form({ action: "pay", token: "forged" }));
    expect(forged.status).toBe(403);
    const noToken = await w.t.app.request(path, form({ action: "pay" }));
    expect(noToken.status).toBe(403);
    expect(await moneyCounts(w.db)).toEqual(before);

    const paid = await w.t.app.request(path, form({ action: "pay", token: token ?? "" }));
    expect(paid.status).toBe(200);
    const done = await paid.text();
    expect(done).toContain("Payment received");
    expect(done).toContain(`href="/checkout/return?checkout=${c.id}"`);
    const row = await checkoutRow(w, c.id);
    expect(row.status).toBe("paid");
    const after = await moneyCounts(w.db);
    expect(after?.enrollments).toBe((before?.enrollments ?? 0) + 1);
    expect(after?.splits).toBe((before?.splits ?? 0) + 3);
    expect(after?.events).toBe((before?.events ?? 0) + 1);
    // Paying twice (back button) changes nothing; the page now sends the browser back.
    const again = await w.t.app.request(path, form({ action: "pay", token: token ?? "" }));
    expect(again.status).toBe(200);
    expect(await moneyCounts(w.db)).toEqual(after);
    expect((await w.t.app.request(path)).status).toBe(303);
    const [txn] = await w.db
      .select()
      .from(s.transactions)
      .where(eq(s.transactions.enrollmentId, row.enrollmentId ?? ""));
    expect(txn?.stripePaymentId).toMatch(/^pi_local_/);
  });

  it("cancels on its page: the checkout expires and nobody is enrolled", async () => {
    const learner = w.learners[1];
    if (!learner) throw new Error("no learner");
    const res = await startCheckout(w, learner);
    const path = res.body.checkout.url;
    const html = await (await w.t.app.request(path)).text();
    const token = html.match(/name="token" value="([^"]+)"/)?.[1] ?? "";
    const before = await moneyCounts(w.db);
    const cancelled = await w.t.app.request(path, form({ action: "cancel", token }));
    expect(cancelled.status).toBe(200);
    const text = await cancelled.text();
    expect(text).toContain("Checkout closed");
    expect(text).toContain("cancelled=1");
    expect((await checkoutRow(w, res.body.checkout.id)).status).toBe("expired");
    expect((await moneyCounts(w.db))?.enrollments).toBe(before?.enrollments);
  });

  it("keeps one generated webhook secret, and verifies local events with it", async () => {
    const rows = await w.db.select().from(s.serverSecrets);
    expect(rows.map((r) => r.name)).toEqual(["local_webhook_secret"]);
    expect(rows[0]?.value).toMatch(/^whsec_local_.{20,}/);
    const bogus = await w.t.call("POST", "/api/payments/webhook", {
      rawBody: JSON.stringify({ id: "evt_x", type: "checkout.session.completed" }),
      headers: { "stripe-signature": "t=1,v1=00" },
    });
    expect([bogus.status, bogus.body.error.code]).toEqual([400, "invalid_signature"]);
  });

  it("answers 404 for an unknown local checkout page", async () => {
    expect((await w.t.app.request("/pay/local/cs_local_nope")).status).toBe(404);
  });
});
