/** The payments API and the local provider's checkout page. */
import { z } from "zod";
import {
  cancelEnrollmentInput,
  cancelEnrollmentResult,
  checkoutInput,
  checkoutSchema,
  courseTeacherSchema,
  earningsQuery,
  earningsSchema,
  refundInfoSchema,
  sponsorshipSchema,
} from "../../shared/api/payments";
import { requireUser } from "../auth/middleware";
import type { ApiRouter } from "../http/api-router";
import { ApiError } from "../http/errors";
import { getCheckout, startCheckout, teachersForSlug } from "./checkout";
import { registerLocalCheckoutPages } from "./local-checkout";
import { registerPayoutAccountRoutes } from "./payout-account-routes";
import { earningsOf, sponsorshipsOf } from "./queries";
import { cancelEnrollment, refundInfo } from "./refund";
import { handleWebhook } from "./webhook";

const TAG = "Payments";

export function registerPaymentRoutes(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/api/courses/:slug/teachers",
      tag: TAG,
      summary:
        "Who can teach this course: its creator and its certified, active Student-Teachers (and the refund window)",
      auth: "none",
      responses: {
        200: {
          description: "Teachers to choose from at checkout, and REFUND_WINDOW_DAYS",
          schema: z.object({
            teachers: z.array(courseTeacherSchema),
            refundWindowDays: z.number().int(),
          }),
        },
      },
    },
    async (c) => {
      const { db, config } = c.get("deps");
      return c.json({
        teachers: await teachersForSlug(db, c.req.param("slug") ?? ""),
        refundWindowDays: config.REFUND_WINDOW_DAYS,
      });
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/checkout",
      tag: TAG,
      summary: "Start paying for a course with a chosen teacher (employers: for a named learner)",
      auth: "user",
      body: checkoutInput,
      responses: {
        201: {
          description: "Send the browser to `url`; poll GET /api/checkout/:id",
          schema: z.object({ checkout: checkoutSchema }),
        },
      },
    },
    async (c, { body }) =>
      c.json({ checkout: await startCheckout(c.get("deps"), requireUser(c), body) }, 201),
  );

  api.route(
    {
      method: "get",
      path: "/api/checkout/:id",
      tag: TAG,
      summary:
        "A checkout's status (open, paid, expired, failed, refunded), for its payer or learner",
      auth: "user",
      responses: {
        200: { description: "The checkout", schema: z.object({ checkout: checkoutSchema }) },
      },
    },
    async (c) =>
      c.json({
        checkout: await getCheckout(c.get("deps").db, requireUser(c), c.req.param("id") ?? ""),
      }),
  );

  api.route(
    {
      method: "post",
      path: "/api/payments/webhook",
      tag: TAG,
      summary:
        "Stripe (or local provider) events, verified by the Stripe-Signature header on the raw body",
      auth: "none",
      responses: {
        200: {
          description: "Handled (or already handled)",
          schema: z.object({ received: z.literal(true), outcome: z.string() }),
        },
        400: {
          description:
            "invalid_signature, or invalid_event (signed but malformed): nothing changed",
        },
      },
    },
    async (c) => {
      // The raw text exactly as sent: the signature covers these bytes, not a re-serialization.
      const raw = await c.req.text();
      const { outcome } = await handleWebhook(c.get("deps"), raw, c.req.header("stripe-signature"));
      return c.json({ received: true as const, outcome });
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/enrollments/:id/cancel",
      tag: TAG,
      summary:
        "Cancel inside the refund window (REFUND_WINDOW_DAYS, until a session is completed or used) for a full refund",
      auth: "user",
      body: cancelEnrollmentInput,
      responses: {
        200: { description: "Cancelled and refunded", schema: cancelEnrollmentResult },
        409: { description: "refund_window_closed or not_refundable" },
      },
    },
    async (c, { body }) => {
      const id = c.req.param("id") ?? "";
      const r = await cancelEnrollment(c.get("deps"), requireUser(c), id, body.reason);
      return c.json({ enrollmentId: id, status: "cancelled" as const, ...r });
    },
  );

  api.route(
    {
      method: "get",
      path: "/api/enrollments/:id/refund",
      tag: TAG,
      summary:
        "Whether the learner (or sponsor) may still cancel for a full refund, and until when",
      auth: "user",
      responses: {
        200: { description: "The refund window", schema: refundInfoSchema },
        404: { description: "not_found: no such enrollment of yours" },
      },
    },
    async (c) => c.json(await refundInfo(c.get("deps"), requireUser(c), c.req.param("id") ?? "")),
  );

  api.route(
    {
      method: "get",
      path: "/api/earnings",
      tag: TAG,
      summary:
        "The signed-in teacher's or creator's shares: totals per currency (pending, released, paid) and one page of shares",
      auth: "user",
      query: earningsQuery,
      responses: { 200: { description: "Earnings", schema: earningsSchema } },
    },
    async (c, { query }) => c.json(await earningsOf(c.get("deps").db, requireUser(c).id, query)),
  );

  api.route(
    {
      method: "get",
      path: "/api/sponsorships",
      tag: TAG,
      summary: "An employer's sponsored learners and their progress",
      auth: "user",
      responses: {
        200: {
          description: "Sponsorships",
          schema: z.object({ sponsorships: z.array(sponsorshipSchema) }),
        },
      },
    },
    async (c) => {
      const user = requireUser(c);
      if (!(user.isEmployer || user.role === "employer")) {
        throw new ApiError(403, "forbidden", "Only employers sponsor learners.");
      }
      return c.json({ sponsorships: await sponsorshipsOf(c.get("deps").db, user.id) });
    },
  );

  registerLocalCheckoutPages(api);
  registerPayoutAccountRoutes(api);
}
