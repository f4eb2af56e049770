/**
 * The payment webhook. Verified on the raw body with the Stripe SDK, recorded by event id
 * (a replay is a no-op), and applied in the same transaction as that record, with the
 * checkout row locked: whatever the order or concurrency of deliveries, a checkout is paid
 * at most once, so it yields at most one enrollment, transaction and set of splits.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import {
  checkoutSessions,
  courses,
  employerSponsorships,
  enrollments,
  instructorFollowers,
  paymentSplits,
  peerloopFeatures,
  stripeEvents,
  transactions,
  users,
} from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { formatMoney, notify } from "./notify";
import { platformAccountId } from "./platform-account";
import { paymentProvider, stripeClient, webhookSecret } from "./provider";
import { computeSplit, DEFAULT_TEACHER_COMMISSION } from "./split";

/** Seconds a signature stays valid (Stripe's default): older deliveries are replays. */
export const SIGNATURE_TOLERANCE_S = 300;

export type WebhookOutcome =
  | "duplicate"
  | "ignored"
  | "unknown_checkout"
  | "enrolled"
  | "already_paid"
  | "awaiting_payment"
  | "expired"
  | "failed"
  | "closed_already"
  | "refund_due";

type CheckoutRow = typeof checkoutSessions.$inferSelect;
type SessionObject = Stripe.Checkout.Session;

export async function handleWebhook(
  deps: Deps,
  rawBody: string,
  signature: string | undefined,
): Promise<{ eventId: string; outcome: WebhookOutcome }> {
  const { db, config, log } = deps;
  const secret = await webhookSecret(db, config);
  let event: Stripe.Event;
  try {
    event = await stripeClient(config).webhooks.constructEventAsync(
      rawBody,
      signature ?? "",
      secret,
      SIGNATURE_TOLERANCE_S,
    );
  } catch {
    throw new ApiError(400, "invalid_signature", "The webhook signature does not verify.");
  }

  const result = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const fresh = await tx
      .insert(stripeEvents)
      .values({ eventId: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ eventId: stripeEvents.eventId });
    if (!fresh.length) return { outcome: "duplicate" as const, refund: null };
    const applied = await applyEvent(tx, deps, event);
    await tx
      .update(stripeEvents)
      .set({ processedAt: new Date() })
      .where(eq(stripeEvents.eventId, event.id));
    return applied;
  });

  // Money came in for a checkout that cannot become an enrollment: give it back. Outside
  // the transaction (a network call); the idempotency key makes a retry harmless.
  if (result.refund) {
    try {
      await paymentProvider(config).refund(result.refund, `refund-checkout-${result.refund}`);
    } catch (err) {
      log.error("refund of an unusable payment failed; refund it by hand", {
        err,
        paymentId: result.refund,
      });
    }
  }
  log.info("payment webhook", { eventId: event.id, type: event.type, outcome: result.outcome });
  return { eventId: event.id, outcome: result.outcome };
}

async function applyEvent(
  tx: Db,
  deps: Deps,
  event: Stripe.Event,
): Promise<{ outcome: WebhookOutcome; refund: string | null }> {
  const none = (outcome: WebhookOutcome) => ({ outcome, refund: null });
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      const checkout = await lockCheckout(tx, session);
      if (!checkout) return none("unknown_checkout");
      // Delayed payment methods complete the session unpaid; async_payment_succeeded follows.
      if (session.payment_status === "unpaid") return none("awaiting_payment");
      return markPaid(tx, deps, checkout, session);
    }
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      const checkout = await lockCheckout(tx, event.data.object);
      if (!checkout) return none("unknown_checkout");
      // Out of order: an expiry or failure after the payment changes nothing.
      if (checkout.status !== "open") return none("closed_already");
      const status = event.type === "checkout.session.expired" ? "expired" : "failed";
      await tx
        .update(checkoutSessions)
        .set({
          status,
          failureReason: status === "failed" ? "payment_failed" : null,
          updatedAt: new Date(),
        })
        .where(eq(checkoutSessions.id, checkout.id));
      return none(status);
    }
    default:
      return none("ignored");
  }
}

async function lockCheckout(tx: Db, session: SessionObject): Promise<CheckoutRow | undefined> {
  // A genuine event always names its session; anything else is not ours to apply.
  if (typeof session?.id !== "string") return undefined;
  const [row] = await tx
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.providerSessionId, session.id))
    .for("update")
    .limit(1);
  return row;
}

function paymentIdOf(session: SessionObject): string {
  const pi = session.payment_intent;
  if (typeof pi === "string") return pi;
  if (pi && typeof pi === "object") return pi.id;
  return session.id;
}

async function markPaid(
  tx: Db,
  deps: Deps,
  checkout: CheckoutRow,
  session: SessionObject,
): Promise<{ outcome: WebhookOutcome; refund: string | null }> {
  if (checkout.status === "paid" || checkout.status === "refunded") {
    return { outcome: "already_paid", refund: null };
  }
  // Final: a failed checkout's payment was refused (and refunded) or never came. A later
  // success event with another event id must not enroll anyone on money given back.
  if (checkout.status === "failed") {
    deps.log.warn("payment event for a failed checkout ignored", {
      checkoutId: checkout.id,
      failureReason: checkout.failureReason,
    });
    return { outcome: "closed_already", refund: null };
  }
  const paymentId = paymentIdOf(session);
  const fail = async (reason: string) => {
    await tx
      .update(checkoutSessions)
      .set({ status: "failed", failureReason: reason, updatedAt: new Date() })
      .where(eq(checkoutSessions.id, checkout.id));
    deps.log.warn("paid checkout refused", { checkoutId: checkout.id, reason });
    return { outcome: "refund_due" as const, refund: paymentId };
  };
  // The price is ours: a session that charged anything else is not this checkout's payment.
  if (
    session.amount_total !== checkout.amountCents ||
    (session.currency ?? "").toUpperCase() !== checkout.currency
  ) {
    return fail("amount_mismatch");
  }
  // Two checkouts of one learner for one course may be paid at the same moment: serialize
  // them on (learner, course) so the second sees the first's enrollment and is refunded.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${checkout.learnerId}), hashtext(${checkout.courseId}))`,
  );
  const [active] = await tx
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.studentId, checkout.learnerId),
        eq(enrollments.courseId, checkout.courseId),
        ne(enrollments.status, "cancelled"),
      ),
    )
    .limit(1);
  if (active) return fail("already_enrolled");

  const [course] = await tx
    .select({
      id: courses.id,
      title: courses.title,
      slug: courses.slug,
      creatorId: courses.creatorId,
      commission: peerloopFeatures.teacherCommission,
    })
    .from(courses)
    .leftJoin(peerloopFeatures, eq(peerloopFeatures.courseId, courses.id))
    .where(eq(courses.id, checkout.courseId));
  if (!course) return fail("course_missing");
  const now = new Date();
  const creatorTeaches = checkout.teacherId === course.creatorId;

  const enrollmentId = uuidv7();
  await tx.insert(enrollments).values({
    id: enrollmentId,
    studentId: checkout.learnerId,
    courseId: course.id,
    // NULL = the creator teaches (as in the seed); otherwise the chosen Student-Teacher.
    studentTeacherId: creatorTeaches ? null : checkout.teacherId,
    status: "enrolled",
    enrolledAt: now,
  });
  const transactionId = uuidv7();
  await tx.insert(transactions).values({
    id: transactionId,
    enrollmentId,
    amountCents: checkout.amountCents,
    currency: checkout.currency,
    stripePaymentId: paymentId,
    status: "completed",
    paidAt: now,
  });
  const shares = computeSplit(
    checkout.amountCents,
    course.commission ?? DEFAULT_TEACHER_COMMISSION,
  );
  const platformId = await platformAccountId(tx);
  // The teaching share is its own row even when the creator teaches (recipient: the creator),
  // so it is held and released session by session like any teacher's (README "Money").
  const splitRows = [
    { type: "platform" as const, recipientId: platformId, share: shares.platform },
    { type: "creator" as const, recipientId: course.creatorId, share: shares.creator },
    { type: "student_teacher" as const, recipientId: checkout.teacherId, share: shares.teacher },
  ].filter((s) => s.share.cents > 0);
  if (splitRows.length) {
    await tx.insert(paymentSplits).values(
      splitRows.map((s) => ({
        id: uuidv7(),
        transactionId,
        recipientId: s.recipientId,
        recipientType: s.type,
        amountCents: s.share.cents,
        currency: checkout.currency,
        percentage: s.share.percent,
        status: "pending" as const,
      })),
    );
  }
  // First purchase from this creator: the learner follows their instructor feed.
  await tx
    .insert(instructorFollowers)
    .values({
      id: uuidv7(),
      instructorId: course.creatorId,
      followerId: checkout.learnerId,
      firstEnrollmentAt: now,
    })
    .onConflictDoNothing();
  if (checkout.sponsorId) {
    await tx.insert(employerSponsorships).values({
      id: uuidv7(),
      employerId: checkout.sponsorId,
      studentId: checkout.learnerId,
      enrollmentId,
    });
  }
  await tx
    .update(courses)
    .set({ studentCount: sql`${courses.studentCount} + 1` })
    .where(eq(courses.id, course.id));
  await tx
    .update(checkoutSessions)
    .set({ status: "paid", enrollmentId, updatedAt: now })
    .where(eq(checkoutSessions.id, checkout.id));

  const [learner] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, checkout.learnerId));
  const price = formatMoney(checkout.amountCents, checkout.currency);
  const courseUrl = `/courses/${course.slug}`;
  await notify(tx, [
    {
      userId: checkout.learnerId,
      type: "enrollment",
      title: `You're enrolled in ${course.title}`,
      body: checkout.sponsorId
        ? "Your enrollment was paid for by your employer. You can start right away."
        : `Payment of ${price} received. You can start right away.`,
      actionUrl: courseUrl,
    },
    {
      userId: checkout.teacherId,
      type: "enrollment",
      title: `New student: ${learner?.name ?? "a learner"}`,
      body: `${learner?.name ?? "A learner"} enrolled in ${course.title} with you as their teacher.`,
      actionUrl: courseUrl,
    },
    ...(checkout.sponsorId
      ? [
          {
            userId: checkout.sponsorId,
            type: "payment" as const,
            title: `Payment received: ${course.title}`,
            body: `${price} for ${learner?.name ?? "your learner"}'s enrollment.`,
            actionUrl: "/sponsorships",
          },
        ]
      : []),
  ]);
  return { outcome: "enrolled", refund: null };
}
