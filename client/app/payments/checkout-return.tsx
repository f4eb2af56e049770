/**
 * Where the checkout page sends the browser back: shows the checkout's state as the server
 * sees it (polled while pending), then the enrollment as soon as it has synced here.
 */
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Checkout } from "../../../shared/api/payments";
import { useLive, useSession } from "../data/hooks";
import { api, describeError, OfflineError } from "../lib/api";
import { money } from "../lib/format";

const POLL_MS = 1500;

export function CheckoutReturn() {
  const s = useSession();
  const { query } = useLocation();
  const id = query.checkout ?? "";
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!s || !id) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const r = await api<{ checkout: Checkout }>(`/api/checkout/${encodeURIComponent(id)}`, {
          token: s.token,
        });
        if (stop) return;
        setCheckout(r.checkout);
        setProblem(null);
        if (r.checkout.status === "open") timer = setTimeout(poll, POLL_MS);
      } catch (err) {
        if (stop) return;
        setProblem(describeError(err));
        if (err instanceof OfflineError) timer = setTimeout(poll, POLL_MS * 4);
      }
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [s?.token, id]);

  const enrollmentId = checkout?.enrollmentId ?? null;
  const synced = useLive(
    (l) => (enrollmentId ? l.db.enrollments.findOne(enrollmentId).$ : null),
    [enrollmentId],
  );

  if (!s) {
    return (
      <section class="narrow">
        <h1>Checkout</h1>
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>
            Sign in
          </a>{" "}
          to see your checkout.
        </p>
      </section>
    );
  }
  const forSomeoneElse = checkout && checkout.learnerId !== s.user.id;
  return (
    <section class="narrow">
      <h1>Checkout</h1>
      <div role="status" aria-live="polite">
        {!checkout ? (
          <p>{problem ?? "Checking your payment…"}</p>
        ) : checkout.status === "open" ? (
          <p>
            {query.cancelled
              ? "You left the checkout without paying. Nothing was charged."
              : "Waiting for the payment to be confirmed…"}
          </p>
        ) : checkout.status === "paid" && forSomeoneElse ? (
          <p>
            Payment of {money(checkout.amountCents, checkout.currency)} confirmed: your learner is
            enrolled. <a href="/sponsorships">See your sponsored learners</a>.
          </p>
        ) : checkout.status === "paid" ? (
          synced ? (
            <p>
              You're enrolled.{" "}
              <a class="button primary" href={`/learn/${synced.id}`}>
                Start learning
              </a>
            </p>
          ) : (
            <p>Payment confirmed. Bringing the course to this device…</p>
          )
        ) : checkout.status === "refunded" ? (
          <p>This enrollment was cancelled and refunded.</p>
        ) : (
          <p>
            {checkout.status === "expired"
              ? "This checkout was cancelled or timed out. Nothing was charged."
              : "The payment did not go through. If you were charged, the amount is refunded."}{" "}
            <a href="/courses">Back to the courses</a>
          </p>
        )}
      </div>
    </section>
  );
}
