/** The payments API: checkout, its status, teachers to choose from, cancel, earnings, sponsorships. */
import { z } from "zod";
import {
  ENROLLMENT_STATUSES,
  PAYMENT_RECIPIENT_TYPES,
  PAYMENT_SPLIT_STATUSES,
} from "../domain/enums";
import { isUuid } from "../ids/uuidv7";

export const CHECKOUT_STATUSES = ["open", "paid", "expired", "failed", "refunded"] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export const checkoutInput = z
  .object({
    courseSlug: z.string().min(1).max(200).optional(),
    courseId: z.uuid().optional(),
    /** A certified, active Student-Teacher of the course, or its creator. */
    teacherId: z.uuid(),
    /** Employers only: the learner they pay for, by email or handle. */
    learner: z.string().trim().min(1).max(320).optional(),
  })
  .refine((v) => (v.courseSlug === undefined) !== (v.courseId === undefined), {
    message: "Give either courseSlug or courseId.",
    path: ["courseSlug"],
  });
export type CheckoutInput = z.input<typeof checkoutInput>;

export const checkoutSchema = z.object({
  id: z.uuid(),
  status: z.enum(CHECKOUT_STATUSES),
  /** Where to send the browser to pay (Stripe, or this server's local checkout page). */
  url: z.string(),
  provider: z.enum(["stripe", "local"]),
  courseId: z.uuid(),
  /** For a link back to the course page. */
  courseSlug: z.string(),
  learnerId: z.uuid(),
  teacherId: z.uuid(),
  sponsored: z.boolean(),
  amountCents: z.number().int(),
  currency: z.string(),
  enrollmentId: z.uuid().nullable(),
  failureReason: z.string().nullable(),
});
export type Checkout = z.output<typeof checkoutSchema>;

export const courseTeacherSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  handle: z.string(),
  avatarUrl: z.string().nullable(),
  isCreator: z.boolean(),
  studentsTaught: z.number().int(),
});
export type CourseTeacher = z.output<typeof courseTeacherSchema>;

export const cancelEnrollmentInput = z.object({ reason: z.string().trim().max(2000).optional() });

export const cancelEnrollmentResult = z.object({
  enrollmentId: z.uuid(),
  status: z.literal("cancelled"),
  refundedCents: z.number().int(),
  refundId: z.string().nullable(),
});

/** Whether an enrollment may still be cancelled for a full refund (the server's rule). */
export const refundInfoSchema = z.object({
  enrollmentId: z.uuid(),
  refundable: z.boolean(),
  /** REFUND_WINDOW_DAYS on this server. */
  windowDays: z.number().int(),
  /** Payment time + windowDays (a used session closes the window sooner); null if unpaid. */
  deadline: z.string().nullable(),
  /** Why not, when not refundable. */
  reason: z
    .enum(["cancelled", "no_payment", "completed", "window_over", "session_used", "released"])
    .nullable(),
});
export type RefundInfo = z.output<typeof refundInfoSchema>;

export const earningSplitSchema = z.object({
  splitId: z.uuid(),
  recipientType: z.enum(PAYMENT_RECIPIENT_TYPES),
  status: z.enum(PAYMENT_SPLIT_STATUSES),
  courseTitle: z.string(),
  learnerName: z.string(),
  amountCents: z.number().int(),
  pendingCents: z.number().int(),
  releasedCents: z.number().int(),
  paidCents: z.number().int(),
  currency: z.string(),
  createdAt: z.string(),
});

/** One currency's totals over all of a recipient's shares (not only the listed page). */
export const earningsTotalSchema = z.object({
  currency: z.string(),
  pendingCents: z.number().int(),
  releasedCents: z.number().int(),
  paidCents: z.number().int(),
});

export const earningsQuery = z.object({
  /** The last split id of the previous page: the next page starts after it. */
  before: z.string().refine(isUuid, "Not an id.").optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const earningsSchema = z.object({
  /** One row per currency, by currency code; empty when there is nothing. */
  totals: z.array(earningsTotalSchema),
  /** Newest first, one page. */
  splits: z.array(earningSplitSchema),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.string().nullable(),
});
export type Earnings = z.output<typeof earningsSchema>;

export const sponsorshipSchema = z.object({
  enrollmentId: z.uuid(),
  learner: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  course: z.object({ id: z.uuid(), title: z.string(), slug: z.string() }),
  status: z.enum(ENROLLMENT_STATUSES),
  completedModules: z.number().int(),
  moduleCount: z.number().int(),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Sponsorship = z.output<typeof sponsorshipSchema>;
