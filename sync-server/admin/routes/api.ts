/**
 * The admin JSON API (`/api/admin/*`): every dashboard page's data and every admin action,
 * declared through ApiRouter so it is validated and listed in the OpenAPI document. The HTML
 * pages (routes/pages.tsx) call the same queries and actions.
 */
import type { Context } from "hono";
import { z } from "zod";
import { PAYOUT_STATUSES } from "../../../shared/domain/enums";
import type { ApiRouter, RouteSpec } from "../../http/api-router";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { idParam, type Need, requireStaff, requireStaffWrite } from "../access";
import * as actions from "../actions";
import {
  CONTENT_FLAG_STATUSES_ADMIN,
  COURSE_BADGES,
  EMAIL_STATUSES_ADMIN,
  TRANSACTION_STATUSES_ADMIN,
} from "../api-enums";
import { proseText, searchText } from "../input";
import { flushSyncMetrics } from "../metrics";
import { attention } from "../queries/attention";
import { listAudit } from "../queries/audit";
import { clearAggregates } from "../queries/cache";
import { certificateDetail, listCertificates } from "../queries/certificates";
import { listCourses } from "../queries/courses";
import { listFlags } from "../queries/flags";
import { listPayouts, listTransactions, splitsByState } from "../queries/money";
import { listOutbox, outboxDetail } from "../queries/outbox";
import { overview } from "../queries/overview";
import { listQuery } from "../queries/paging";
import { listPayoutQueuePage } from "../queries/payout-queue";
import { listRefundsOwed, REFUND_OWED_FILTERS } from "../queries/refunds-owed";
import { syncHealth } from "../queries/sync-health";
import { listUsers, userDetail } from "../queries/users";

const TAG = "Admin";
const anyJson = z.record(z.string(), z.unknown());
const page = z.object({ items: z.array(anyJson), nextCursor: z.string().nullable() });
const errors = {
  401: { description: "Not signed in (unauthorized)" },
  403: { description: "Not an admin (forbidden) or a cross-site request (csrf_failed)" },
};

type Schema = z.ZodType;
type Spec<B extends Schema | undefined, Q extends Schema | undefined> = Omit<
  RouteSpec<B, Q>,
  "auth" | "tag"
>;

/**
 * Declares an admin route: signed in, the right role, and for writes the CSRF checks. Those
 * checks run as a middleware on the route itself, registered before the route's validation,
 * so a learner or a moderator sending a malformed body to an admin-only route is told 403,
 * not 400 or 415 ("auth check before existence or validation"): who may call a route never
 * depends on what they send.
 */
function adminRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
>(
  api: ApiRouter,
  need: Need,
  spec: Spec<B, Q>,
  handler: (
    c: Context<AppEnv>,
    input: {
      body: B extends Schema ? z.output<B> : undefined;
      query: Q extends Schema ? z.output<Q> : undefined;
    },
    actor: { id: string },
  ) => Promise<Response>,
) {
  const write = spec.method !== "get";
  api.app.on(spec.method.toUpperCase(), spec.path, async (c, next) => {
    if (write) requireStaffWrite(c, need);
    else requireStaff(c, need);
    await next();
  });
  api.route<B, Q>(
    { ...spec, tag: TAG, auth: "user", responses: { ...errors, ...spec.responses } },
    async (c, input) => {
      // Checked by the middleware above already; read again for the actor (cheap, no I/O).
      const actor = { id: requireStaff(c, need).id };
      const res = await handler(c, input as never, actor);
      // The admin sees the effect of their action in the cached figures at once.
      if (write) clearAggregates(c.get("deps").db);
      return res;
    },
  );
}

const freshQuery = z.object({ fresh: z.enum(["0", "1"]).optional() });

export const rolesInput = z
  .object({
    isCreator: z.boolean().optional(),
    isStudentTeacher: z.boolean().optional(),
    isModerator: z.boolean().optional(),
    isAdmin: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), "Name at least one role.");
export const disableInput = z.object({ reason: proseText(1, 500) });
export const courseStateInput = z.object({ state: z.enum(["active", "inactive", "retired"]) });
export const badgeInput = z.object({ badge: z.enum(COURSE_BADGES).nullable() });
/** `currency` may be left out when the recipient is owed in one currency only. */
export const approveInput = z.object({
  recipientId: z.uuid(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "An ISO 4217 code in capitals, e.g. USD.")
    .optional(),
});
export const revokeInput = z.object({ reason: proseText(3, 500) });
export const flagReviewInput = z.object({
  decision: z.enum(["resolve", "dismiss"]),
  note: proseText(0, 500).optional(),
});
export const flagsQuery = listQuery.extend({
  status: z.enum(CONTENT_FLAG_STATUSES_ADMIN).optional(),
});
export const auditQuery = listQuery.extend({ targetId: searchText().optional() });
export const payoutsQuery = listQuery.extend({ status: z.enum(PAYOUT_STATUSES).optional() });
export const refundsOwedQuery = listQuery.extend({
  status: z.enum(REFUND_OWED_FILTERS).optional(),
});
export const outboxQuery = listQuery.extend({ status: z.enum(EMAIL_STATUSES_ADMIN).optional() });

export function registerAdminApi(api: ApiRouter) {
  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/overview",
      summary:
        "Headline figures (money per currency), the charts' series and what needs attention (cached up to 30 s; fresh=1 recomputes)",
      query: freshQuery,
      responses: { 200: { description: "Overview", schema: anyJson } },
    },
    async (c, { query }) => {
      const { db, hub, config } = c.get("deps");
      await flushSyncMetrics(db);
      const fresh = query.fresh === "1";
      const [data, needs] = await Promise.all([
        overview(db, hub, fresh),
        attention(db, config, fresh),
      ]);
      return c.json({ ...data, attention: needs });
    },
  );

  adminRoute(
    api,
    "moderator",
    {
      method: "get",
      path: "/api/admin/users",
      summary: "Users, newest first; `q` matches the start of name, email or handle",
      query: listQuery,
      responses: { 200: { description: "A page of users", schema: page } },
    },
    async (c, { query }) => c.json(await listUsers(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "moderator",
    {
      method: "get",
      path: "/api/admin/users/:id",
      summary: "One user: roles, enrollments, teaching, devices (and earnings, for admins)",
      responses: {
        200: { description: "The user", schema: anyJson },
        404: { description: "No such user" },
      },
    },
    async (c) => {
      const { db, hub } = c.get("deps");
      await flushSyncMetrics(db);
      const detail = await userDetail(db, hub, idParam(c));
      if (!detail) throw new ApiError(404, "not_found", "There is no such user.");
      const user = c.get("user");
      return c.json(user?.isAdmin ? detail : { ...detail, earnings: undefined });
    },
  );

  adminRoute(
    api,
    "admin",
    {
      method: "post",
      path: "/api/admin/users/:id/roles",
      summary: "Grant or remove roles: creator, Student-Teacher, moderator, admin",
      body: rolesInput,
      responses: { 200: { description: "The user after the change", schema: anyJson } },
    },
    async (c, { body }, actor) =>
      c.json({ user: await actions.setUserRoles(c.get("deps"), actor, idParam(c), body) }),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "post",
      path: "/api/admin/users/:id/disable",
      summary: "Disable an account: sign-in refused, every session and sync stream ended",
      body: disableInput,
      responses: { 200: { description: "The user after the change", schema: anyJson } },
    },
    async (c, { body }, actor) =>
      c.json({ user: await actions.disableUser(c.get("deps"), actor, idParam(c), body.reason) }),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "post",
      path: "/api/admin/users/:id/enable",
      summary: "Enable a disabled account again (its old sessions stay ended)",
      responses: { 200: { description: "The user after the change", schema: anyJson } },
    },
    async (c, _input, actor) =>
      c.json({ user: await actions.enableUser(c.get("deps"), actor, idParam(c)) }),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/courses",
      summary: "Every course with enrollments, rating and state; `q` matches title or slug start",
      query: listQuery.extend({ offset: z.coerce.number().int().min(0).max(100_000).optional() }),
      responses: { 200: { description: "Courses", schema: anyJson } },
    },
    async (c, { query }) => c.json(await listCourses(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "post",
      path: "/api/admin/courses/:id/state",
      summary:
        "Activate, deactivate or retire a course; retiring is final (a retired course answers 409 course_retired)",
      body: courseStateInput,
      responses: { 200: { description: "The course after the change", schema: anyJson } },
    },
    async (c, { body }, actor) =>
      c.json({
        course: await actions.setCourseState(c.get("deps"), actor, idParam(c), body.state),
      }),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "post",
      path: "/api/admin/courses/:id/badge",
      summary: "Set or clear a course's badge",
      body: badgeInput,
      responses: { 200: { description: "The course after the change", schema: anyJson } },
    },
    async (c, { body }, actor) =>
      c.json({
        course: await actions.setCourseBadge(c.get("deps"), actor, idParam(c), body.badge),
      }),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/money/transactions",
      summary:
        "Payments, newest first (filter by status, e.g. refunded); `q` matches the start of the learner's name, email or handle or of the course title, or the payment id",
      query: listQuery.extend({ status: z.enum(TRANSACTION_STATUSES_ADMIN).optional() }),
      responses: { 200: { description: "A page of transactions", schema: page } },
    },
    async (c, { query }) => c.json(await listTransactions(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/money/refunds-owed",
      summary:
        "Refunds the server owes (payments that could not become an enrollment), still owed first (newest first), then refunded (most recent first), with attempts and the last error; filter by status (owed, failed, refunded); `q` matches the start of the learner's or payer's name, email or handle or of the course title, or the payment id",
      query: refundsOwedQuery,
      responses: { 200: { description: "A page of refunds owed", schema: page } },
    },
    async (c, { query }) => c.json(await listRefundsOwed(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/money/summary",
      summary:
        "Splits by state (cached up to 30 s; fresh=1), the first pages of the payout queue and of recent payouts (page on with their own routes)",
      query: freshQuery,
      responses: { 200: { description: "Money summary", schema: anyJson } },
    },
    async (c, { query }) => {
      const { db } = c.get("deps");
      const [splits, queue, payouts] = await Promise.all([
        splitsByState(db, query.fresh === "1"),
        listPayoutQueuePage(db, {}),
        listPayouts(db, {}),
      ]);
      return c.json({
        splits,
        queue: queue.items,
        queueNextCursor: queue.nextCursor,
        payouts: payouts.items,
        payoutsNextCursor: payouts.nextCursor,
      });
    },
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/payouts/queue",
      summary:
        "Released, unpaid money per recipient and currency, largest first; `q` matches the start of the recipient's name, email or handle",
      query: listQuery,
      responses: { 200: { description: "A page of the payout queue", schema: page } },
    },
    async (c, { query }) => c.json(await listPayoutQueuePage(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/payouts",
      summary:
        "Payouts, newest approval first (filter by status, e.g. failed), with the failed transfers' reasons; `q` matches the start of the recipient's name, email or handle",
      query: payoutsQuery,
      responses: { 200: { description: "A page of payouts", schema: page } },
    },
    async (c, { query }) => c.json(await listPayouts(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "post",
      path: "/api/admin/payouts/approve",
      summary:
        "Approve the payout of a recipient's released, unpaid splits in one currency (`currency` may be left out when they are owed in one currency only); every attempt is audited",
      body: approveInput,
      responses: {
        200: {
          description:
            "The outcome: status paid (every transfer went through) or failed (some or all did not: amountCents is what was paid, failedCents what went back to the queue)",
          schema: anyJson,
        },
        404: { description: "No such user" },
        409: {
          description:
            "Nothing released and unpaid in that currency (nothing_to_pay), no connected payout account (no_connected_account), or owed in several currencies and none named (currency_required)",
        },
      },
    },
    async (c, { body }, actor) =>
      c.json(await actions.approvePayoutFor(c.get("deps"), actor, body)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/certificates",
      summary: "Certificates, newest first; `q` is an id or the start of a name, email or course",
      query: listQuery,
      responses: { 200: { description: "A page of certificates", schema: page } },
    },
    async (c, { query }) => c.json(await listCertificates(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/certificates/:id",
      summary: "One certificate with its signed credential",
      responses: {
        200: { description: "The certificate", schema: anyJson },
        404: { description: "None" },
      },
    },
    async (c) => {
      const cert = await certificateDetail(c.get("deps").db, idParam(c));
      if (!cert) throw new ApiError(404, "not_found", "There is no such certificate.");
      return c.json({ certificate: cert });
    },
  );

  adminRoute(
    api,
    "admin",
    {
      method: "post",
      path: "/api/admin/certificates/:id/revoke",
      summary: "Revoke a certificate (it then verifies as revoked)",
      body: revokeInput,
      responses: {
        200: { description: "The certificate after revocation", schema: anyJson },
        404: { description: "No such certificate" },
        409: { description: "Already revoked (already_revoked)" },
      },
    },
    async (c, { body }, actor) => {
      const after = await actions.revokeCertificateFor(
        c.get("deps"),
        actor,
        idParam(c),
        body.reason,
      );
      return c.json({ certificate: { ...after, credential: undefined } });
    },
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/outbox",
      summary:
        "Emails sent or logged, newest first (filter by status, e.g. failed); `q` matches the start of the address",
      query: outboxQuery,
      responses: { 200: { description: "A page of emails", schema: page } },
    },
    async (c, { query }) => c.json(await listOutbox(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/outbox/:id",
      summary: "One email with its body (sign-in and reset tokens in links are hidden)",
      responses: {
        200: { description: "The email", schema: anyJson },
        404: { description: "None" },
      },
    },
    async (c) => {
      const email = await outboxDetail(c.get("deps").db, idParam(c));
      if (!email) throw new ApiError(404, "not_found", "There is no such email.");
      return c.json({ email });
    },
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/sync-health",
      summary:
        "Connected devices, traffic per minute, refused pushes, conflicts, feed and warnings",
      responses: { 200: { description: "Sync health", schema: anyJson } },
    },
    async (c) => {
      const { db, hub, config } = c.get("deps");
      await flushSyncMetrics(db);
      return c.json(await syncHealth(db, hub, config));
    },
  );

  adminRoute(
    api,
    "admin",
    {
      method: "get",
      path: "/api/admin/audit",
      summary:
        "The audit log of admin actions, newest first (append-only); `q` matches the start of the action, the actor's name, email or handle, or the target id",
      query: auditQuery,
      responses: { 200: { description: "A page of audit entries", schema: page } },
    },
    async (c, { query }) => c.json(await listAudit(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "moderator",
    {
      method: "get",
      path: "/api/admin/flags",
      summary:
        "Flagged posts, pending first then newest (moderators and admins); `q` matches the start of the post or of its author's name, email or handle",
      query: flagsQuery,
      responses: { 200: { description: "A page of flags", schema: page } },
    },
    async (c, { query }) => c.json(await listFlags(c.get("deps").db, query)),
  );

  adminRoute(
    api,
    "moderator",
    {
      method: "post",
      path: "/api/admin/flags/:id/review",
      summary:
        "Resolve (status reviewed) or dismiss a pending flag (moderators and admins; audited)",
      body: flagReviewInput,
      responses: {
        200: { description: "The flag after the review", schema: anyJson },
        404: { description: "No such flag" },
        409: {
          description:
            "Already reviewed (flag_already_reviewed) or a flag on the reviewer's own post (self_action)",
        },
      },
    },
    async (c, { body }, actor) =>
      c.json({
        flag: await actions.reviewFlag(c.get("deps"), actor, idParam(c), body.decision, body.note),
      }),
  );
}
