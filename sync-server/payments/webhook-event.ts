/**
 * The shape a signed webhook event must have before anything is applied. A valid signature
 * says who sent the bytes, not that they are an event we can use: a signed body without an
 * `id`, without `data.object`, or a checkout event whose session has no `id` is refused
 * with `400 invalid_event` and nothing is recorded (not even the event id).
 */
import { z } from "zod";
import { ApiError } from "../http/errors";

/** The events that move a checkout; every other type is recorded and ignored. */
export const CHECKOUT_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.expired",
  "checkout.session.async_payment_failed",
] as const;
export type CheckoutEventType = (typeof CHECKOUT_EVENT_TYPES)[number];

const envelope = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.looseObject({}) }),
});

/** The fields of a Checkout Session the handler reads (Stripe sends many more). */
const checkoutSession = z.object({
  id: z.string().min(1).max(255),
  amount_total: z.number().int().nullable().optional(),
  currency: z.string().max(10).nullable().optional(),
  payment_status: z.string().max(50).optional(),
  payment_intent: z
    .union([z.string().min(1), z.looseObject({ id: z.string().min(1) })])
    .nullable()
    .optional(),
});
export type CheckoutSessionData = z.output<typeof checkoutSession>;

export type WebhookEvent =
  | { id: string; type: CheckoutEventType; session: CheckoutSessionData }
  | { id: string; type: string; session: null };

const isCheckoutType = (t: string): t is CheckoutEventType =>
  (CHECKOUT_EVENT_TYPES as readonly string[]).includes(t);

export const invalidEvent = () =>
  new ApiError(400, "invalid_event", "The webhook is signed but is not a well-formed event.");

export function parseWebhookEvent(event: unknown): WebhookEvent {
  const bad = invalidEvent;
  const e = envelope.safeParse(event);
  if (!e.success) throw bad();
  const { id, type } = e.data;
  if (!isCheckoutType(type)) return { id, type, session: null };
  const session = checkoutSession.safeParse(e.data.data.object);
  if (!session.success) throw bad();
  return { id, type, session: session.data };
}

/** The payment to refund: the PaymentIntent, else (never seen from Stripe) the session. */
export function paymentIdOf(session: CheckoutSessionData): string {
  const pi = session.payment_intent;
  if (typeof pi === "string") return pi;
  if (pi) return pi.id;
  return session.id;
}
