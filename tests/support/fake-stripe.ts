/**
 * A tiny Stripe API on 127.0.0.1 for tests: the few endpoints PeerLoop calls (checkout
 * sessions, refunds, transfers, Connect accounts and account links), Stripe's form encoding and error shape, idempotency keys,
 * and switches to make calls fail. The real Stripe SDK talks to it through its
 * host/port/protocol options, so no call leaves the machine.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeStripeRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

export interface FakeStripe {
  url: string;
  requests: FakeStripeRequest[];
  /** Objects created, by id (sessions, refunds, transfers). */
  objects: Map<string, Record<string, unknown>>;
  fail: {
    checkout: boolean;
    /** Refunds are refused (400 charge_already_refunded; replayed for the same key, as Stripe does). */
    refunds: boolean;
    /** Stripe is down for refunds (500 api_error; not replayed, so a retry can succeed). */
    refundOutage: boolean;
    transfers: boolean;
    /** Transfers with these transfer_group values fail (a partial failure). */
    transferGroups: Set<string>;
    accounts: boolean;
    accountLinks: boolean;
  };
  /** What Stripe does when the account holder finishes its hosted onboarding form. */
  completeOnboarding(accountId: string): void;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return Object.fromEntries(new URLSearchParams(text));
}

/** `metadata[a]=1&metadata[b]=2` → `{a: "1", b: "2"}`. */
function nested(params: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (k.startsWith(`${prefix}[`)) out[k.slice(prefix.length + 1, -1)] = v;
  }
  return out;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: FakeStripeRequest[] = [];
  const objects = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, { status: number; body: unknown }>();
  const fail = {
    checkout: false,
    refunds: false,
    refundOutage: false,
    transfers: false,
    transferGroups: new Set<string>(),
    accounts: false,
    accountLinks: false,
  };

  const handle = (
    path: string,
    params: Record<string, string>,
  ): { status: number; body: unknown } => {
    const error = (message: string, code: string, status = 400) => ({
      status,
      body: { error: { type: "invalid_request_error", code, message } },
    });
    if (path === "/v1/checkout/sessions") {
      if (fail.checkout) return error("Checkout is unavailable (fake switch).", "api_error", 500);
      const unit = Number(params["line_items[0][price_data][unit_amount]"]);
      const qty = Number(params["line_items[0][quantity]"] ?? 1);
      if (!Number.isInteger(unit)) return error("Missing unit_amount.", "parameter_missing");
      const sessionId = id("cs_test");
      const session = {
        id: sessionId,
        object: "checkout.session",
        mode: params.mode,
        url: `https://checkout.stripe.test/c/pay/${sessionId}`,
        amount_total: unit * qty,
        currency: params["line_items[0][price_data][currency]"],
        client_reference_id: params.client_reference_id ?? null,
        customer_email: params.customer_email ?? null,
        metadata: nested(params, "metadata"),
        payment_intent: null,
        payment_status: "unpaid",
        status: "open",
        success_url: params.success_url,
        cancel_url: params.cancel_url,
      };
      objects.set(sessionId, session);
      return { status: 200, body: session };
    }
    if (path === "/v1/refunds") {
      if (fail.refundOutage)
        return error("Refunds are unavailable (fake switch).", "api_error", 500);
      if (fail.refunds)
        return error("The charge cannot be refunded (fake switch).", "charge_already_refunded");
      const refund = {
        id: id("re"),
        object: "refund",
        payment_intent: params.payment_intent,
        status: "succeeded",
      };
      objects.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    if (path === "/v1/transfers") {
      if (fail.transfers || fail.transferGroups.has(params.transfer_group ?? "")) {
        return error("No such destination account (fake switch).", "account_invalid");
      }
      const transfer = {
        id: id("tr"),
        object: "transfer",
        amount: Number(params.amount),
        currency: params.currency,
        destination: params.destination,
        transfer_group: params.transfer_group ?? null,
        metadata: nested(params, "metadata"),
      };
      objects.set(transfer.id, transfer);
      return { status: 200, body: transfer };
    }
    if (path === "/v1/accounts") {
      if (fail.accounts) return error("Connect is unavailable (fake switch).", "api_error", 500);
      const account = {
        id: id("acct"),
        object: "account",
        type: params.type,
        email: params.email ?? null,
        metadata: nested(params, "metadata"),
        details_submitted: false,
        charges_enabled: false,
        payouts_enabled: false,
        capabilities: {
          transfers: params["capabilities[transfers][requested]"] ? "inactive" : undefined,
        },
      };
      objects.set(account.id, account);
      return { status: 200, body: account };
    }
    if (path === "/v1/account_links") {
      if (fail.accountLinks)
        return error("Connect is unavailable (fake switch).", "api_error", 500);
      if (!objects.has(params.account ?? "")) {
        return error(`No such account: '${params.account}'`, "resource_missing", 404);
      }
      if (!params.refresh_url || !params.return_url || params.type !== "account_onboarding") {
        return error("refresh_url, return_url and type are required.", "parameter_missing");
      }
      return {
        status: 200,
        body: {
          object: "account_link",
          url: `https://connect.stripe.test/setup/e/${params.account}/${id("link")}`,
          expires_at: Math.floor(Date.now() / 1000) + 300,
        },
      };
    }
    return error(`Unrecognized request URL (POST: ${path}).`, "resource_missing", 404);
  };

  /** GET /v1/accounts/:id, the only read PeerLoop makes. */
  const read = (path: string): { status: number; body: unknown } => {
    const account = path.startsWith("/v1/accounts/") ? objects.get(path.slice(13)) : undefined;
    if (account?.object === "account") return { status: 200, body: account };
    return {
      status: 404,
      body: {
        error: { type: "invalid_request_error", code: "resource_missing", message: "not here" },
      },
    };
  };

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const params = await readForm(req);
    const key = req.headers["idempotency-key"];
    const idempotencyKey = typeof key === "string" ? key : undefined;
    requests.push({
      method: req.method ?? "GET",
      path,
      params,
      idempotencyKey,
      authorization: req.headers.authorization,
    });
    const cacheKey = idempotencyKey ? `${path} ${idempotencyKey}` : undefined;
    let answer = cacheKey ? byKey.get(cacheKey) : undefined;
    if (!answer) {
      answer = req.method === "POST" ? handle(path, params) : read(path);
      // Stripe replays a key's first answer, successes and failures alike (not 500s).
      if (cacheKey && answer.status < 500) byKey.set(cacheKey, answer);
    }
    res.writeHead(answer.status, { "content-type": "application/json", "request-id": id("req") });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    objects,
    fail,
    completeOnboarding(accountId) {
      const account = objects.get(accountId);
      if (!account) throw new Error(`fake Stripe: no account ${accountId}`);
      Object.assign(account, {
        details_submitted: true,
        charges_enabled: true,
        payouts_enabled: true,
        capabilities: { transfers: "active" },
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
