/**
 * Employer sponsorship: an employer checks out for a named learner through the same
 * checkout; the webhook records the sponsorship; the employer follows the learner's progress.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressId } from "../../shared/ids/derived-id";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import {
  buy,
  checkoutRow,
  createMoneyWorld,
  type MoneyWorld,
  moneyCounts,
  startCheckout,
} from "./money-world";

describe.each(databaseKinds())("employer sponsorship on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("pays for a learner named by handle or email; the webhook records the sponsorship", async () => {
    const [l0, l1] = w.learners;
    if (!l0 || !l1) throw new Error("no learners");
    const byHandle = await buy(w, w.employer, { learner: `@${l0.handle.toUpperCase()}` });
    const row = await checkoutRow(w, byHandle.checkoutId);
    expect([row.payerId, row.learnerId, row.sponsorId]).toEqual([
      w.employer.id,
      l0.id,
      w.employer.id,
    ]);
    const call = w.fake?.requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1);
    expect(call?.params["metadata[sponsorId]"]).toBe(w.employer.id);
    expect(call?.params["metadata[learnerId]"]).toBe(l0.id);
    const [sp] = await w.db
      .select()
      .from(s.employerSponsorships)
      .where(eq(s.employerSponsorships.enrollmentId, byHandle.enrollmentId));
    expect([sp?.employerId, sp?.studentId]).toEqual([w.employer.id, l0.id]);
    const [enrollment] = await w.db
      .select()
      .from(s.enrollments)
      .where(eq(s.enrollments.id, byHandle.enrollmentId));
    expect(enrollment?.studentId).toBe(l0.id);
    const notes = await w.db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.userId, w.employer.id));
    expect(notes.map((n) => n.type)).toEqual(["payment"]);

    await buy(w, w.employer, { learner: `${l1.handle}@EXAMPLE.com` });
    // The learner sees their own checkout too.
    const polled = await w.t.call("GET", `/api/checkout/${byHandle.checkoutId}`, {
      token: l0.token,
    });
    expect(polled.body.checkout).toMatchObject({ sponsored: true, status: "paid" });
  });

  it("shows the employer each sponsored learner's progress", async () => {
    const [l0] = w.learners;
    if (!l0) throw new Error("no learner");
    const [enrollment] = await w.db
      .select()
      .from(s.enrollments)
      .where(eq(s.enrollments.studentId, l0.id));
    const modules = await w.db
      .select()
      .from(s.courseCurriculum)
      .where(eq(s.courseCurriculum.courseId, w.course.id));
    const first = modules[0];
    if (!enrollment || !first) throw new Error("setup");
    await w.db.insert(s.moduleProgress).values({
      id: progressId(enrollment.id, first.id),
      enrollmentId: enrollment.id,
      moduleId: first.id,
      isComplete: true,
      completedAt: new Date(),
    });
    const res = await w.t.call("GET", "/api/sponsorships", { token: w.employer.token });
    expect(res.status).toBe(200);
    expect(res.body.sponsorships).toHaveLength(2);
    const mine = res.body.sponsorships.find(
      (x: { learner: { id: string } }) => x.learner.id === l0.id,
    );
    expect(mine).toMatchObject({
      enrollmentId: enrollment.id,
      course: { id: w.course.id, slug: w.course.slug },
      status: "enrolled",
      completedModules: 1,
      moduleCount: 3,
      completedAt: null,
    });
  });

  it("refuses non-employers and unknown learners, storing nothing", async () => {
    const [, , l2, l3] = w.learners;
    if (!l2 || !l3) throw new Error("no learners");
    const before = await moneyCounts(w.db);
    const notEmployer = await startCheckout(w, l2, { learner: l3.handle });
    expect([notEmployer.status, notEmployer.body.error.code]).toEqual([403, "forbidden"]);
    const unknown = await startCheckout(w, w.employer, { learner: "nobody@example.com" });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
    const enrolled = await startCheckout(w, w.employer, { learner: w.learners[0]?.handle });
    expect([enrolled.status, enrolled.body.error.code]).toEqual([409, "already_enrolled"]);
    const list = await w.t.call("GET", "/api/sponsorships", { token: l2.token });
    expect([list.status, list.body.error.code]).toEqual([403, "forbidden"]);
    expect((await w.t.call("GET", "/api/sponsorships")).status).toBe(401);
    expect(await moneyCounts(w.db)).toEqual(before);
  });

  it("lets the sponsor cancel inside the window; the refund goes back to the employer's payment", async () => {
    const l4 = w.learners[4];
    if (!l4) throw new Error("no learner");
    const { enrollmentId, paymentId } = await buy(w, w.employer, { learner: l4.handle });
    const res = await w.t.call("POST", `/api/enrollments/${enrollmentId}/cancel`, {
      token: w.employer.token,
      body: {},
    });
    expect(res.status).toBe(200);
    expect(
      w.fake?.requests.filter((r) => r.path === "/v1/refunds").at(-1)?.params.payment_intent,
    ).toBe(paymentId);
    const notes = await w.db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.type, "refund"));
    expect(notes.map((n) => n.userId).sort()).toEqual([w.employer.id, l4.id].sort());
  });
});
