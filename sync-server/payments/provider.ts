/**
 * Where money moves: Stripe when STRIPE_SECRET_KEY is set, otherwise the local provider
 * (a checkout page served by this server, refunds and transfers recorded locally). Both
 * sign their webhooks the Stripe way, so one webhook handler serves both.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { serverSecrets } from "../db/schema";

export type ProviderKind = "stripe" | "local";

export interface CheckoutRequest {
  checkoutId: string;
  amountCents: number;
  currency: string;
  productName: string;
  customerEmail: string;
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  /** Put on the payment, so its charge and the payout transfers share one group. */
  transferGroup: string;
}

export interface PaymentProvider {
  kind: ProviderKind;
  createCheckout(req: CheckoutRequest): Promise<{ providerSessionId: string; url: string | null }>;
  refund(paymentId: string, idempotencyKey: string): Promise<{ refundId: string }>;
  transfer(req: {
    amountCents: number;
    currency: string;
    destination: string;
    transferGroup: string;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<{ transferId: string }>;
}

/**
 * A provider call that failed (card declined, account invalid, network): safe to show.
 * `code` is Stripe's error code when it gave one (e.g. `charge_already_refunded`).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The Stripe SDK pointed at STRIPE_API_URL when set (tests: a local fake). */
export function stripeClient(config: Config): Stripe {
  const opts: ConstructorParameters<typeof Stripe>[1] = {
    maxNetworkRetries: 0,
    telemetry: false,
  };
  if (config.STRIPE_API_URL) {
    const u = new URL(config.STRIPE_API_URL);
    opts.host = u.hostname;
    opts.port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
    opts.protocol = u.protocol === "https:" ? "https" : "http";
  }
  // The webhook helpers need no key; a placeholder keeps the local provider key-free.
  return new Stripe(config.STRIPE_SECRET_KEY ?? "sk_local_provider", opts);
}

const clients = new WeakMap<Config, PaymentProvider>();

export function paymentProvider(config: Config): PaymentProvider {
  let p = clients.get(config);
  if (!p) {
    p = config.STRIPE_SECRET_KEY ? stripeProvider(stripeClient(config)) : localPaymentProvider();
    clients.set(config, p);
  }
  return p;
}

/**
 * The provider that took a payment, to give it back: a local payment (a free course, or a
 * machine without keys) is never sent to Stripe; a Stripe payment while no Stripe key is
 * configured has no provider (undefined) and must wait.
 */
export function providerOf(config: Config, kind: ProviderKind): PaymentProvider | undefined {
  const p = paymentProvider(config);
  if (p.kind === kind) return p;
  if (kind === "stripe") return undefined;
  sharedLocal ??= localPaymentProvider();
  return sharedLocal;
}
let sharedLocal: PaymentProvider | undefined;

async function providerCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = (err as { code?: unknown } | null)?.code;
    throw new ProviderError(
      `${what} failed: ${message}`,
      typeof code === "string" ? code : undefined,
    );
  }
}

function stripeProvider(stripe: Stripe): PaymentProvider {
  return {
    kind: "stripe",
    async createCheckout(req) {
      const session = await providerCall("Stripe checkout", () =>
        stripe.checkout.sessions.create(
          {
            mode: "payment",
            client_reference_id: req.checkoutId,
            customer_email: req.customerEmail,
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: req.currency.toLowerCase(),
                  unit_amount: req.amountCents,
                  product_data: { name: req.productName },
                },
              },
            ],
            metadata: req.metadata,
            payment_intent_data: { metadata: req.metadata, transfer_group: req.transferGroup },
            success_url: req.successUrl,
            cancel_url: req.cancelUrl,
          },
          { idempotencyKey: `checkout-${req.checkoutId}` },
        ),
      );
      return { providerSessionId: session.id, url: session.url };
    },
    async refund(paymentId, idempotencyKey) {
      const refund = await providerCall("Stripe refund", () =>
        stripe.refunds.create({ payment_intent: paymentId }, { idempotencyKey }),
      );
      return { refundId: refund.id };
    },
    async transfer(req) {
      const transfer = await providerCall("Stripe transfer", () =>
        stripe.transfers.create(
          {
            amount: req.amountCents,
            currency: req.currency.toLowerCase(),
            destination: req.destination,
            transfer_group: req.transferGroup,
            metadata: req.metadata,
          },
          { idempotencyKey: req.idempotencyKey },
        ),
      );
      return { transferId: transfer.id };
    },
  };
}

const token = (prefix: string) => `${prefix}_${randomBytes(18).toString("base64url")}`;

/**
 * No money moves: the checkout page is ours (local-checkout.ts), refunds and transfers get
 * local ids. Idempotency keys map to the same id, as Stripe's do (for this process).
 */
export function localPaymentProvider(): PaymentProvider {
  const seen = new Map<string, string>();
  const once = (key: string, prefix: string) => {
    let v = seen.get(key);
    if (!v) {
      v = token(prefix);
      seen.set(key, v);
    }
    return v;
  };
  return {
    kind: "local",
    async createCheckout() {
      // The URL is the server's own page; the caller builds it from the session id.
      return { providerSessionId: token("cs_local"), url: null };
    },
    async refund(_paymentId, idempotencyKey) {
      return { refundId: once(idempotencyKey, "re_local") };
    },
    async transfer(req) {
      return { transferId: once(req.idempotencyKey, "tr_local") };
    },
  };
}

const LOCAL_SECRET = "local_webhook_secret";

/**
 * The webhook signing secret: STRIPE_WEBHOOK_SECRET, or (local provider) one generated on
 * first use and kept in server_secrets so restarts and other instances agree.
 */
export async function webhookSecret(db: Db, config: Config): Promise<string> {
  if (config.STRIPE_WEBHOOK_SECRET) return config.STRIPE_WEBHOOK_SECRET;
  const [row] = await db.select().from(serverSecrets).where(eq(serverSecrets.name, LOCAL_SECRET));
  if (row) return row.value;
  await db
    .insert(serverSecrets)
    .values({ name: LOCAL_SECRET, value: token("whsec_local") })
    .onConflictDoNothing();
  const [kept] = await db.select().from(serverSecrets).where(eq(serverSecrets.name, LOCAL_SECRET));
  if (!kept) throw new Error("local webhook secret was not stored");
  return kept.value;
}
