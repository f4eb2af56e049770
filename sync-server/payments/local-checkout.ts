/**
 * The local payment provider's checkout page, for machines without Stripe keys. It plays
 * Stripe's part: the page offers Pay or Cancel, and the choice becomes a webhook event
 * signed with the local webhook secret exactly as Stripe signs, handed to the very same
 * handler as Stripe's deliveries (handleWebhook verifies it like any other).
 *
 * CSRF: the page's address is an unguessable session id, and its form carries a per-checkout
 * token the POST must echo; a cross-site form can know neither.
 */
import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { checkoutSessions, courses } from "../db/schema";
import type { ApiRouter } from "../http/api-router";
import type { AppEnv, Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { formatMoney } from "./notify";
import { stripeClient, webhookSecret } from "./provider";
import { handleWebhook } from "./webhook";

type CheckoutRow = typeof checkoutSessions.$inferSelect;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1a2e}
.card{border:1px solid #ccd;border-radius:12px;padding:1.5rem}.amount{font-size:2rem;font-weight:700}
button{font:inherit;padding:.7rem 1.2rem;border-radius:8px;border:1px solid #446;cursor:pointer;margin-right:.5rem}
.pay{background:#3b3bd6;color:#fff;border-color:#3b3bd6}.note{color:#555;font-size:.9rem}</style></head>
<body><main class="card">${body}</main></body></html>`;
}

async function findOpen(deps: Deps, sessionId: string): Promise<CheckoutRow | undefined> {
  const [row] = await deps.db
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.providerSessionId, sessionId))
    .limit(1);
  return row?.provider === "local" ? row : undefined;
}

/** Same origin as this page (which also serves the app). */
const returnUrl = (row: CheckoutRow, cancelled: boolean) =>
  `/checkout/return?checkout=${row.id}${cancelled ? "&cancelled=1" : ""}`;

/** The event Stripe would send for this checkout, as JSON text. */
export function localEvent(
  row: CheckoutRow,
  type: "checkout.session.completed" | "checkout.session.expired",
): string {
  const paid = type === "checkout.session.completed";
  return JSON.stringify({
    id: `evt_local_${uuidv7().replaceAll("-", "")}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: row.providerSessionId,
        object: "checkout.session",
        client_reference_id: row.id,
        amount_total: row.amountCents,
        currency: row.currency.toLowerCase(),
        payment_status: paid ? "paid" : "unpaid",
        status: paid ? "complete" : "expired",
        payment_intent: paid ? `pi_local_${row.id.replaceAll("-", "")}` : null,
        metadata: {
          checkoutId: row.id,
          learnerId: row.learnerId,
          courseId: row.courseId,
          teacherId: row.teacherId,
          sponsorId: row.sponsorId ?? "",
        },
      },
    },
  });
}

/** Signs and delivers a local event to the webhook handler, as Stripe would over HTTP. */
export async function deliverLocalEvent(deps: Deps, payload: string) {
  const secret = await webhookSecret(deps.db, deps.config);
  const header = stripeClient(deps.config).webhooks.generateTestHeaderString({ payload, secret });
  return handleWebhook(deps, payload, header);
}

function tokenMatches(expected: string | null, given: unknown): boolean {
  if (!expected || typeof given !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** HTML pages, not JSON: registered on the router's app, and listed in the OpenAPI document. */
export function registerLocalCheckoutPages(api: ApiRouter) {
  const app = api.app;
  const doc = (
    method: "get" | "post",
    summary: string,
    responses: Record<number, { description: string }>,
  ) =>
    api.specs.push({
      method,
      path: "/pay/local/:sessionId",
      tag: "Payments",
      summary,
      auth: "none",
      responses,
    });
  doc("get", "The local payment provider's checkout page (HTML; only without Stripe keys)", {
    200: { description: "The page, with Pay and Cancel" },
    303: { description: "Already paid or closed: back to the app" },
    404: { description: "No such local checkout" },
  });
  doc("post", "Pay or cancel on the local checkout page (form: action, token)", {
    200: { description: "Done: a page that leads back to the app's return page" },
    403: { description: "The form token does not match" },
  });
  const notFound = (c: Context<AppEnv>) =>
    c.html(
      page("Checkout not found", "<h1>Checkout not found</h1><p>This link is not valid.</p>"),
      404,
    );

  app.get("/pay/local/:sessionId", async (c) => {
    const deps = c.get("deps");
    const row = await findOpen(deps, c.req.param("sessionId"));
    if (!row) return notFound(c);
    if (row.status !== "open") return c.redirect(returnUrl(row, false), 303);
    const [course] = await deps.db
      .select({ title: courses.title })
      .from(courses)
      .where(eq(courses.id, row.courseId));
    c.header("cache-control", "no-store");
    c.header("referrer-policy", "no-referrer");
    return c.html(
      page(
        "PeerLoop checkout",
        `<h1>Pay for ${esc(course?.title ?? "your course")}</h1>
<p class="amount">${esc(formatMoney(row.amountCents, row.currency))}</p>
<p class="note">Local test payments: no card is charged. With Stripe keys configured, this step is Stripe Checkout.</p>
<form method="post"><input type="hidden" name="token" value="${esc(row.formToken ?? "")}">
<button class="pay" name="action" value="pay">Pay</button>
<button name="action" value="cancel">Cancel</button></form>`,
      ),
    );
  });

  app.post(
    "/pay/local/:sessionId",
    bodyLimit({
      maxSize: 4096,
      onError: () => {
        throw new ApiError(413, "payload_too_large", "This form is small.");
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const row = await findOpen(deps, c.req.param("sessionId"));
      if (!row) return notFound(c);
      const form = await c.req.parseBody();
      if (!tokenMatches(row.formToken, form.token)) {
        throw new ApiError(403, "forbidden", "This form has expired; open the checkout again.");
      }
      const action = form.action;
      if (action !== "pay" && action !== "cancel") {
        throw new ApiError(400, "validation_failed", "Choose Pay or Cancel.");
      }
      if (row.status === "open") {
        const type = action === "pay" ? "checkout.session.completed" : "checkout.session.expired";
        await deliverLocalEvent(deps, localEvent(row, type));
      }
      // A small page that sends the browser back (resubmitting it is harmless: once paid or
      // closed, nothing more happens).
      const back = returnUrl(row, action === "cancel");
      const fresh = await findOpen(deps, row.providerSessionId);
      const title = fresh?.status === "paid" ? "Payment received" : "Checkout closed";
      return c.html(
        page(
          title,
          `<meta http-equiv="refresh" content="1;url=${esc(back)}"><h1>${title}</h1>
<p><a href="${esc(back)}" data-return>Back to PeerLoop</a></p>`,
        ),
      );
    },
  );
}
