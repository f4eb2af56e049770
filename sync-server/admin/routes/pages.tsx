/** @jsxImportSource hono/jsx */
/**
 * The dashboard's HTML pages at /admin: server-rendered, no script. Forms post back to
 * /admin/... with the CSRF token; each action runs the same code as its /api/admin twin,
 * then redirects (303) to the page with a one-time flash message. Not signed in → the
 * sign-in page; signed in without the role → 403.
 */
import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { JSX } from "hono/jsx/jsx-runtime";
import { z } from "zod";
import { loginInput } from "../../../shared/api/auth";
import * as accounts from "../../auth/account-service";
import { authenticate, SESSION_COOKIE } from "../../auth/middleware";
import { revokeSession } from "../../auth/sessions";
import { clientIp } from "../../http/client-ip";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { idParam, isStaff, type Need, requireStaffWrite, sessionOf } from "../access";
import * as actions from "../actions";
import { Layout, type PageContext } from "../components/layout";
import { ADMIN_CSS } from "../components/styles";
import { assertSameOrigin, CSRF_FIELD, csrfTokenFor } from "../csrf";
import { flushSyncMetrics } from "../metrics";
import { AuditPage } from "../pages/audit";
import { CertificatePage, CertificatesPage } from "../pages/certificates";
import { CoursesPage } from "../pages/courses";
import { FlagsPage } from "../pages/flags";
import { MoneyPage } from "../pages/money";
import { EmailPage, OutboxPage } from "../pages/outbox";
import { OverviewPage } from "../pages/overview";
import { ForbiddenPage, SignInPage } from "../pages/sign-in";
import { SyncPage } from "../pages/sync";
import { UserPage, UsersPage } from "../pages/users";
import { payoutFlash } from "../payout-flash";
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
import { listRefundsOwed } from "../queries/refunds-owed";
import { syncHealth } from "../queries/sync-health";
import { listUsers, userDetail } from "../queries/users";
import {
  approveInput,
  auditQuery,
  badgeInput,
  courseStateInput,
  disableInput,
  flagReviewInput,
  flagsQuery,
  outboxQuery,
  payoutsQuery,
  refundsOwedQuery,
  revokeInput,
} from "./api";

const FLASH_COOKIE = "peerloop_admin_flash";
type C = Context<AppEnv>;

function html(c: C, page: JSX.Element, status: 200 | 400 | 403 | 404 | 401 = 200) {
  c.header("cache-control", "no-store");
  return c.html(`<!doctype html>${page}`, status);
}

function readFlash(c: C): PageContext["flash"] {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return undefined;
  deleteCookie(c, FLASH_COOKIE, { path: "/admin" });
  try {
    const f = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if ((f.kind === "ok" || f.kind === "error") && typeof f.text === "string") return f;
  } catch {
    // a mangled cookie is no message
  }
  return undefined;
}

function redirectWith(c: C, to: string, flash: NonNullable<PageContext["flash"]>) {
  setCookie(c, FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString("base64url"), {
    path: "/admin",
    httpOnly: true,
    sameSite: "Strict",
    secure: c.get("deps").config.cookieSecure,
    maxAge: 60,
  });
  return c.redirect(to, 303);
}

/**
 * Where a sign-in lands: admins where they were going; moderators there too if it is one of
 * their pages, else on the flag queue (their main job; the overview is not theirs).
 */
function landingFor(user: { isAdmin: boolean }, next: string): string {
  if (user.isAdmin) return next;
  return /^\/admin\/(flags|users)(\/|\?|$)/.test(next) ? next : "/admin/flags";
}

/** Only same-site paths under /admin are followed after sign-in (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/admin(\/[\w\-/?=&%.]*)?$/.test(next) ? next : "/admin";
}

/** The page's context, or the response to send instead (sign-in redirect or 403). */
function gate(c: C, need: Need): PageContext | Response {
  const user = c.get("user");
  if (!user) {
    const next = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ""));
    return c.redirect(`/admin/sign-in?next=${next}`, 303);
  }
  if (!isStaff(user, need)) return html(c, <ForbiddenPage name={user.name} />, 403);
  return { user, csrf: csrfTokenFor(sessionOf(c).token), flash: readFlash(c) };
}

type Get = (c: C, ctx: PageContext) => Promise<Response>;

function page(app: Hono<AppEnv>, path: string, need: Need, render: Get) {
  app.get(path, async (c) => {
    const ctx = gate(c, need);
    if (ctx instanceof Response) return ctx;
    try {
      return await render(c, ctx);
    } catch (err) {
      // A missing record or a bad query string is a page too, not a JSON body.
      if (!(err instanceof ApiError) || (err.status !== 404 && err.status !== 400)) throw err;
      const title = err.status === 404 ? "Not found" : "Bad request";
      return html(
        c,
        <Layout ctx={ctx} title={title} active="">
          <p>{err.message}</p>
        </Layout>,
        err.status,
      );
    }
  });
}

type Form = Record<string, string>;

/**
 * A form post: the role and CSRF checks, then the action. Refusals by the rules (404,
 * 409...) come back as a flash on `back`; a cross-site request gets a bare 403. `need` is
 * who may post it (admins, unless told).
 */
function action(
  app: Hono<AppEnv>,
  path: string,
  run: (
    c: C,
    form: Form,
    actor: { id: string },
  ) => Promise<{ back: string; text: string; kind?: "ok" | "error" }>,
  backOnError: (c: C) => string,
  need: Need = "admin",
) {
  app.post(path, async (c) => {
    const gated = gate(c, need);
    if (gated instanceof Response) return gated;
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(type)) {
      throw new ApiError(415, "unsupported_media_type", "Send the form as a form.");
    }
    const raw = await c.req.parseBody();
    const form: Form = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string") form[k] = v;
    const actor = requireStaffWrite(c, need, form[CSRF_FIELD] ?? "");
    try {
      const done = await run(c, form, { id: actor.id });
      clearAggregates(c.get("deps").db);
      return redirectWith(c, done.back, { kind: done.kind ?? "ok", text: done.text });
    } catch (err) {
      if (!(err instanceof ApiError) || err.code === "csrf_failed") throw err;
      return redirectWith(c, backOnError(c), { kind: "error", text: err.message });
    }
  });
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new ApiError(400, "validation_failed", r.error.issues[0]?.message ?? "Invalid input.");
  }
  return r.data;
}

export function registerAdminPages(app: Hono<AppEnv>) {
  app.use("/admin", authenticate);
  app.use("/admin/*", authenticate);
  app.use("/admin/*", bodyLimit({ maxSize: 16 * 1024 }));

  app.get("/admin/admin.css", (c) => {
    c.header("content-type", "text/css; charset=utf-8");
    c.header("cache-control", "public, max-age=3600");
    return c.body(ADMIN_CSS);
  });

  app.get("/admin/sign-in", (c) => {
    const next = safeNext(c.req.query("next"));
    const user = c.get("user");
    if (user && isStaff(user, "moderator")) return c.redirect(landingFor(user, next), 303);
    return html(c, <SignInPage next={next} />);
  });

  app.post("/admin/sign-in", async (c) => {
    assertSameOrigin(c);
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const parsed = loginInput.safeParse({ email: form.email, password: form.password });
    const email = typeof form.email === "string" ? form.email : "";
    if (!parsed.success) {
      return html(
        c,
        <SignInPage next={next} email={email} error="Enter your email and password." />,
        401,
      );
    }
    try {
      const s = await accounts.login(c.get("deps"), parsed.data, {
        userAgent: c.req.header("user-agent"),
        ip: clientIp(c),
      });
      setCookie(c, SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: "Lax",
        secure: c.get("deps").config.cookieSecure,
        path: "/",
        expires: s.expiresAt,
      });
      return c.redirect(landingFor(s.user, next), 303);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return html(c, <SignInPage next={next} email={email} error={err.message} />, 401);
    }
  });

  app.post("/admin/sign-out", async (c) => {
    const form = await c.req.parseBody();
    const user = c.get("user");
    if (user) {
      requireStaffWrite(
        c,
        "moderator",
        typeof form[CSRF_FIELD] === "string" ? form[CSRF_FIELD] : "",
      );
      const sessionId = c.get("sessionId");
      if (sessionId) await revokeSession(c.get("deps").db, sessionId);
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/admin/sign-in", 303);
  });

  app.get("/admin/", (c) => c.redirect("/admin", 301));
  app.get("/admin", async (c) => {
    const user = c.get("user");
    if (user && !user.isAdmin && user.isModerator) return c.redirect("/admin/flags", 303);
    const ctx = gate(c, "admin");
    if (ctx instanceof Response) return ctx;
    const { db, hub, config } = c.get("deps");
    await flushSyncMetrics(db);
    const fresh = c.req.query("fresh") === "1";
    const [data, needs] = await Promise.all([
      overview(db, hub, fresh),
      attention(db, config, fresh),
    ]);
    return html(c, <OverviewPage ctx={ctx} data={data} attention={needs} />);
  });

  page(app, "/admin/users", "moderator", async (c, ctx) => {
    const q = parse(listQuery, c.req.query());
    const list = await listUsers(c.get("deps").db, q);
    return html(c, <UsersPage ctx={ctx} page={list} q={q.q} cursor={q.cursor} />);
  });

  page(app, "/admin/users/:id", "moderator", async (c, ctx) => {
    const { db, hub } = c.get("deps");
    await flushSyncMetrics(db);
    const d = await userDetail(db, hub, idParam(c));
    if (!d) throw new ApiError(404, "not_found", "There is no such user.");
    return html(
      c,
      <UserPage ctx={ctx} d={ctx.user.isAdmin ? d : { ...d, earnings: undefined as never }} />,
    );
  });

  page(app, "/admin/courses", "admin", async (c, ctx) => {
    const q = parse(
      listQuery.extend({ offset: z.coerce.number().int().min(0).max(100_000).optional() }),
      c.req.query(),
    );
    const data = await listCourses(c.get("deps").db, q);
    return html(c, <CoursesPage ctx={ctx} data={data} q={q.q} offset={q.offset ?? 0} />);
  });

  page(app, "/admin/money", "admin", async (c, ctx) => {
    const q = parse(
      listQuery.extend({
        status: z.enum(["pending", "completed", "refunded", "failed"]).optional().catch(undefined),
        queueQ: listQuery.shape.q,
        queueCursor: listQuery.shape.cursor,
        payoutsQ: listQuery.shape.q,
        payoutsCursor: listQuery.shape.cursor,
        payoutsStatus: payoutsQuery.shape.status,
        refundsQ: listQuery.shape.q,
        refundsCursor: listQuery.shape.cursor,
        refundsStatus: refundsOwedQuery.shape.status,
      }),
      // "any" in the forms is an empty status.
      {
        ...c.req.query(),
        status: c.req.query("status") || undefined,
        payoutsStatus: c.req.query("payoutsStatus") || undefined,
        refundsStatus: c.req.query("refundsStatus") || undefined,
      },
    );
    const { db } = c.get("deps");
    const [splits, queue, payouts, refunds, transactions] = await Promise.all([
      splitsByState(db, c.req.query("fresh") === "1"),
      listPayoutQueuePage(db, { q: q.queueQ, cursor: q.queueCursor }),
      listPayouts(db, { q: q.payoutsQ, cursor: q.payoutsCursor, status: q.payoutsStatus }),
      listRefundsOwed(db, { q: q.refundsQ, cursor: q.refundsCursor, status: q.refundsStatus }),
      listTransactions(db, q),
    ]);
    return html(
      c,
      <MoneyPage
        ctx={ctx}
        splits={splits}
        queue={queue}
        payouts={payouts}
        refunds={refunds}
        transactions={transactions}
        params={{
          queueQ: q.queueQ,
          queueCursor: q.queueCursor,
          payoutsQ: q.payoutsQ,
          payoutsCursor: q.payoutsCursor,
          payoutsStatus: q.payoutsStatus,
          refundsQ: q.refundsQ,
          refundsCursor: q.refundsCursor,
          refundsStatus: q.refundsStatus,
          q: q.q,
          status: q.status,
          cursor: q.cursor,
        }}
      />,
    );
  });

  page(app, "/admin/certificates", "admin", async (c, ctx) => {
    const q = parse(listQuery, c.req.query());
    const list = await listCertificates(c.get("deps").db, q);
    return html(c, <CertificatesPage ctx={ctx} list={list} q={q.q} cursor={q.cursor} />);
  });

  page(app, "/admin/certificates/:id", "admin", async (c, ctx) => {
    const cert = await certificateDetail(c.get("deps").db, idParam(c));
    if (!cert) throw new ApiError(404, "not_found", "There is no such certificate.");
    return html(c, <CertificatePage ctx={ctx} cert={cert} />);
  });

  page(app, "/admin/outbox", "admin", async (c, ctx) => {
    const q = parse(outboxQuery, { ...c.req.query(), status: c.req.query("status") || undefined });
    const list = await listOutbox(c.get("deps").db, q);
    return html(
      c,
      <OutboxPage ctx={ctx} list={list} q={q.q} status={q.status} cursor={q.cursor} />,
    );
  });

  page(app, "/admin/outbox/:id", "admin", async (c, ctx) => {
    const email = await outboxDetail(c.get("deps").db, idParam(c));
    if (!email) throw new ApiError(404, "not_found", "There is no such email.");
    return html(c, <EmailPage ctx={ctx} email={email} />);
  });

  page(app, "/admin/sync", "admin", async (c, ctx) => {
    const { db, hub, config } = c.get("deps");
    await flushSyncMetrics(db);
    return html(c, <SyncPage ctx={ctx} h={await syncHealth(db, hub, config)} />);
  });

  page(app, "/admin/audit", "admin", async (c, ctx) => {
    const q = parse(auditQuery, c.req.query());
    const list = await listAudit(c.get("deps").db, q);
    return html(
      c,
      <AuditPage ctx={ctx} list={list} q={q.q} targetId={q.targetId} cursor={q.cursor} />,
    );
  });

  page(app, "/admin/flags", "moderator", async (c, ctx) => {
    // "any" in the form is an empty status.
    const q = parse(flagsQuery, { ...c.req.query(), status: c.req.query("status") || undefined });
    const list = await listFlags(c.get("deps").db, q);
    return html(c, <FlagsPage ctx={ctx} list={list} q={q.q} status={q.status} cursor={q.cursor} />);
  });

  // --- actions -------------------------------------------------------------------------
  const userPage = (c: C) => `/admin/users/${idParam(c)}`;

  action(
    app,
    "/admin/users/:id/roles",
    async (c, form, actor) => {
      const on = (k: string) => form[k] === "on";
      const user = await actions.setUserRoles(c.get("deps"), actor, idParam(c), {
        isCreator: on("isCreator"),
        isStudentTeacher: on("isStudentTeacher"),
        isModerator: on("isModerator"),
        isAdmin: on("isAdmin"),
      });
      return { back: userPage(c), text: `Roles of ${user?.name ?? "the user"} saved.` };
    },
    userPage,
  );

  action(
    app,
    "/admin/users/:id/disable",
    async (c, form, actor) => {
      const { reason } = parse(disableInput, form);
      const user = await actions.disableUser(c.get("deps"), actor, idParam(c), reason);
      return {
        back: userPage(c),
        text: `${user?.name ?? "The account"} is disabled; its sessions ended.`,
      };
    },
    userPage,
  );

  action(
    app,
    "/admin/users/:id/enable",
    async (c, _form, actor) => {
      const user = await actions.enableUser(c.get("deps"), actor, idParam(c));
      return { back: userPage(c), text: `${user?.name ?? "The account"} is enabled again.` };
    },
    userPage,
  );

  action(
    app,
    "/admin/courses/:id/state",
    async (c, form, actor) => {
      const { state } = parse(courseStateInput, form);
      const course = await actions.setCourseState(c.get("deps"), actor, idParam(c), state);
      return { back: "/admin/courses", text: `${course.slug} is now ${course.state}.` };
    },
    () => "/admin/courses",
  );

  action(
    app,
    "/admin/courses/:id/badge",
    async (c, form, actor) => {
      const { badge } = parse(badgeInput, { badge: form.badge || null });
      const course = await actions.setCourseBadge(c.get("deps"), actor, idParam(c), badge);
      return {
        back: "/admin/courses",
        text: `${course.slug}: badge ${course.badge ?? "removed"}.`,
      };
    },
    () => "/admin/courses",
  );

  action(
    app,
    "/admin/payouts/approve",
    async (c, form, actor) => {
      const input = parse(approveInput, {
        recipientId: form.recipientId,
        currency: form.currency || undefined,
      });
      const out = await actions.approvePayoutFor(c.get("deps"), actor, input);
      return { back: "/admin/money", ...payoutFlash(out) };
    },
    () => "/admin/money",
  );

  action(
    app,
    "/admin/certificates/:id/revoke",
    async (c, form, actor) => {
      const { reason } = parse(revokeInput, form);
      await actions.revokeCertificateFor(c.get("deps"), actor, idParam(c), reason);
      return { back: `/admin/certificates/${idParam(c)}`, text: "Certificate revoked." };
    },
    (c) => `/admin/certificates/${idParam(c)}`,
  );

  action(
    app,
    "/admin/flags/:id/review",
    async (c, form, actor) => {
      const { decision, note } = parse(flagReviewInput, {
        decision: form.decision,
        note: form.note || undefined,
      });
      const flag = await actions.reviewFlag(c.get("deps"), actor, idParam(c), decision, note);
      return { back: "/admin/flags", text: `Flag ${flag?.status ?? decision}.` };
    },
    () => "/admin/flags",
    "moderator",
  );
}
