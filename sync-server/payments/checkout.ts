/**
 * Starting a checkout: who pays for whom, for which course and teacher, at the database's
 * price. The provider gives a URL to send the browser to; the webhook decides the outcome.
 */
import { randomBytes } from "node:crypto";
import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Checkout, CheckoutInput } from "../../shared/api/payments";
import { isUuid, uuidv7 } from "../../shared/ids/uuidv7";
import type { SessionUser } from "../auth/sessions";
import { liveEnrollment } from "../credentials/rules";
import type { Db } from "../db/database";
import { checkoutSessions, courses, peerloopFeatures, studentTeachers, users } from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { deliverLocalEvent, localEvent } from "./local-checkout";
import {
  localPaymentProvider,
  type PaymentProvider,
  ProviderError,
  paymentProvider,
} from "./provider";
import { DEFAULT_TEACHER_COMMISSION } from "./split";

/** A checkout left open this long is expired by the money job (Stripe's own default is 24 h). */
export const CHECKOUT_TTL_MS = 24 * 3_600_000;

type CourseRow = typeof courses.$inferSelect;

async function findCourse(db: Db, input: CheckoutInput): Promise<CourseRow> {
  const where = input.courseId
    ? eq(courses.id, input.courseId)
    : eq(courses.slug, input.courseSlug ?? "");
  const [course] = await db
    .select()
    .from(courses)
    .where(and(where, isNull(courses.deletedAt)))
    .limit(1);
  if (!course) throw new ApiError(404, "not_found", "No such course.");
  if (!course.isActive || course.isRetired) {
    throw new ApiError(409, "course_unavailable", "This course is not open for enrollment.");
  }
  return course;
}

/** The creator and the course's certified, active Student-Teachers. */
export async function courseTeachers(db: Db, courseId: string, creatorId: string) {
  const active = await db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      avatarUrl: users.avatarUrl,
      studentsTaught: studentTeachers.studentsTaught,
    })
    .from(studentTeachers)
    .innerJoin(users, eq(users.id, studentTeachers.userId))
    .where(
      and(
        eq(studentTeachers.courseId, courseId),
        eq(studentTeachers.isActive, true),
        isNull(users.deletedAt),
        isNull(users.disabledAt),
        ne(users.id, creatorId),
      ),
    )
    .orderBy(users.name);
  const [creator] = await db
    .select({ id: users.id, name: users.name, handle: users.handle, avatarUrl: users.avatarUrl })
    .from(users)
    .where(eq(users.id, creatorId));
  const list = active.map((t) => ({ ...t, isCreator: false }));
  return creator ? [{ ...creator, isCreator: true, studentsTaught: 0 }, ...list] : list;
}

export async function teachersForSlug(db: Db, slug: string) {
  const course = await findCourse(db, { courseSlug: slug, teacherId: "" });
  return courseTeachers(db, course.id, course.creatorId);
}

async function resolveLearner(db: Db, payer: SessionUser, learner: string | undefined) {
  if (learner === undefined) return { learner: payer, sponsorId: null };
  if (!(payer.isEmployer || payer.role === "employer")) {
    throw new ApiError(403, "forbidden", "Only employers can pay for another learner.");
  }
  const key = learner.toLowerCase().replace(/^@/, "");
  const [row] = await db
    .select()
    .from(users)
    .where(
      and(
        or(sql`lower(${users.email}) = ${key}`, sql`lower(${users.handle}) = ${key}`),
        isNull(users.deletedAt),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  if (!row) throw new ApiError(404, "not_found", "No learner with that email or handle.");
  if (row.id === payer.id) return { learner: payer, sponsorId: null };
  return { learner: row, sponsorId: payer.id };
}

export async function startCheckout(
  deps: Deps,
  payer: SessionUser,
  input: CheckoutInput,
): Promise<Checkout> {
  const { db, config } = deps;
  const course = await findCourse(db, input);
  const { learner, sponsorId } = await resolveLearner(db, payer, input.learner);
  const teachers = await courseTeachers(db, course.id, course.creatorId);
  const teacher = teachers.find((t) => t.id === input.teacherId);
  if (!teacher) {
    throw new ApiError(
      422,
      "teacher_not_eligible",
      "Choose the creator or a certified, active Student-Teacher of this course.",
    );
  }
  if (await liveEnrollment(db, learner.id, course.id)) {
    throw new ApiError(409, "already_enrolled", "This learner is already enrolled in the course.");
  }
  if (learner.id === course.creatorId) {
    throw new ApiError(409, "already_enrolled", "Creators do not buy their own courses.");
  }

  // A free course has nothing to charge (Stripe refuses amounts under its minimum): the
  // local provider records it and pays it at once, through the same signed webhook.
  const free = course.priceCents === 0;
  const provider = free ? localPaymentProvider() : paymentProvider(config);
  const checkoutId = uuidv7();
  // Chosen now so the payment itself carries the transfer group of its enrollment.
  const plannedEnrollmentId = uuidv7();
  const teacherCommission = await commissionOf(db, course.id);
  const returnUrl = `${config.publicUrl}/checkout/return?checkout=${checkoutId}`;
  const metadata = {
    checkoutId,
    learnerId: learner.id,
    courseId: course.id,
    teacherId: input.teacherId,
    sponsorId: sponsorId ?? "",
    enrollmentId: plannedEnrollmentId,
  };
  const created = await createAtProvider(provider, {
    checkoutId,
    amountCents: course.priceCents,
    currency: course.currency,
    productName: course.title,
    customerEmail: payer.email,
    metadata,
    successUrl: returnUrl,
    cancelUrl: `${returnUrl}&cancelled=1`,
    transferGroup: transferGroupOf(plannedEnrollmentId),
  });
  // The local page is on this server, which also serves the app: a same-origin path works
  // even when PUBLIC_URL is not where the browser is (PORT=0, a proxy).
  const url = free
    ? `/checkout/return?checkout=${checkoutId}`
    : (created.url ?? `/pay/local/${created.providerSessionId}`);
  const [row] = await db
    .insert(checkoutSessions)
    .values({
      id: checkoutId,
      provider: provider.kind,
      providerSessionId: created.providerSessionId,
      payerId: payer.id,
      learnerId: learner.id,
      courseId: course.id,
      teacherId: input.teacherId,
      sponsorId,
      amountCents: course.priceCents,
      currency: course.currency,
      teacherCommission,
      teacherRole: teacher.isCreator ? "creator" : "student_teacher",
      plannedEnrollmentId,
      formToken: provider.kind === "local" ? randomBytes(24).toString("base64url") : null,
      url,
      expiresAt: new Date(Date.now() + CHECKOUT_TTL_MS),
    })
    .returning();
  if (!row) throw new Error("checkout row was not stored");
  if (!free) return toCheckout(row, course.slug);
  await deliverLocalEvent(deps, localEvent(row, "checkout.session.completed"));
  const [paid] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, row.id));
  return toCheckout(paid ?? row, course.slug);
}

/** The transfer group of an enrollment: on its payment and on every payout transfer for it. */
export const transferGroupOf = (enrollmentId: string) => `enrollment_${enrollmentId}`;

async function commissionOf(db: Db, courseId: string): Promise<number> {
  const [row] = await db
    .select({ commission: peerloopFeatures.teacherCommission })
    .from(peerloopFeatures)
    .where(eq(peerloopFeatures.courseId, courseId));
  return row?.commission ?? DEFAULT_TEACHER_COMMISSION;
}

async function createAtProvider(
  provider: PaymentProvider,
  req: Parameters<PaymentProvider["createCheckout"]>[0],
) {
  try {
    return await provider.createCheckout(req);
  } catch (err) {
    if (err instanceof ProviderError) {
      throw new ApiError(
        502,
        "payment_provider_error",
        "The payment provider refused the checkout; try again.",
      );
    }
    throw err;
  }
}

export function toCheckout(
  row: typeof checkoutSessions.$inferSelect,
  courseSlug: string,
): Checkout {
  return {
    id: row.id,
    status: row.status as Checkout["status"],
    url: row.url,
    provider: row.provider as Checkout["provider"],
    courseId: row.courseId,
    courseSlug,
    learnerId: row.learnerId,
    teacherId: row.teacherId,
    sponsored: row.sponsorId !== null,
    amountCents: row.amountCents,
    currency: row.currency,
    enrollmentId: row.enrollmentId,
    failureReason: row.failureReason,
  };
}

/**
 * The payer or the learner may see a checkout; anyone else gets the same 404 as a bad id
 * (anything but a well-formed uuid never reaches the uuid column).
 */
export async function getCheckout(db: Db, user: SessionUser, id: string): Promise<Checkout> {
  const [found] = isUuid(id)
    ? await db
        .select({ row: checkoutSessions, slug: courses.slug })
        .from(checkoutSessions)
        .innerJoin(courses, eq(courses.id, checkoutSessions.courseId))
        .where(eq(checkoutSessions.id, id))
        .limit(1)
    : [];
  if (!found || (found.row.payerId !== user.id && found.row.learnerId !== user.id)) {
    throw new ApiError(404, "not_found", "No such checkout.");
  }
  return toCheckout(found.row, found.slug);
}
