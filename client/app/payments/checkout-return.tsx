/**
 * Where the checkout page sends the browser back: shows the checkout's state as the server
 * sees it, then the enrollment as soon as it has synced here. It polls only while an answer
 * may still come: never after a final state (paid, expired, failed, refunded), not after
 * the learner left the checkout (`cancelled=1`: Stripe keeps such a session open for a
 * day, nothing will happen meanwhile), and ever more slowly while a payment is pending
 * (delayed payment methods can take days), up to a limit with a "Check again" button.
 */
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Checkout } from "../../../shared/api/payments";
import { useLive, useSession } from "../data/hooks";
import { api, describeError, OfflineError } from "../lib/api";
import { money } from "../lib/format";

const FIRST_POLL_MS = 1500;
const MAX_POLL_MS = 15_000;
/** After this long still pending, stop and offer "Check again". */
const GIVE_UP_MS = 3 * 60_000;

export function CheckoutReturn() {
  const s = useSession();
  const { query } = useLocation();
  const id = query.checkout ?? "";
  const left = !!query.cancelled;
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!s || !id) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    let wait = FIRST_POLL_MS;
    const again = (ms: number) => {
      if (Date.now() - started > GIVE_UP_MS) return setGaveUp(true);
      timer = setTimeout(poll, ms);
    };
    const poll = async () => {
      try {
        const r = await api<{ checkout: Checkout }>(`/api/checkout/${encodeURIComponent(id)}`, {
          token: s.token,
        });
        if (stop) return;
        setCheckout(r.checkout);
        setProblem(null);
        if (r.checkout.status === "open" && !left) {
          again(wait);
          wait = Math.min(MAX_POLL_MS, Math.round(wait * 1.5));
        }
      } catch (err) {
        if (stop) return;
        setProblem(describeError(err));
        if (err instanceof OfflineError) again(FIRST_POLL_MS * 4);
      }
    };
    setGaveUp(false);
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [s?.token, id, left, round]);

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
  const back = checkout ? (
    <a href={`/courses/${encodeURIComponent(checkout.courseSlug)}`}>Back to the course</a>
  ) : (
    <a href="/courses">Back to the courses</a>
  );
  const forSomeoneElse = checkout && checkout.learnerId !== s.user.id;
  return (
    <section class="narrow">
      <h1>Checkout</h1>
      <div role="status" aria-live="polite">
        {!checkout ? (
          <p>{problem ?? "Checking your payment…"}</p>
        ) : checkout.status === "open" && left ? (
          <p>You left the checkout without paying. Nothing was charged. {back}</p>
        ) : checkout.status === "open" ? (
          gaveUp ? (
            <p>
              The payment is not confirmed yet. Some payment methods take a few days: you will get a
              notification when it is.{" "}
              <button type="button" onClick={() => setRound((n) => n + 1)}>
                Check again
              </button>
            </p>
          ) : (
            <p>Waiting for the payment to be confirmed…</p>
          )
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
          <p>This enrollment was cancelled and refunded. {back}</p>
        ) : checkout.status === "expired" ? (
          <p>This checkout was cancelled or timed out. Nothing was charged. {back}</p>
        ) : (
          <p>
            The payment did not go through. If you were charged, the amount is being refunded.{" "}
            {back}
          </p>
        )}
      </div>
    </section>
  );
}
