/**
 * Where payouts go: a creator or Student-Teacher sets up their payout account (Stripe's
 * hosted onboarding, or at once on the local provider). The state is the server's; the
 * button needs a connection, since the account lives at the payment provider.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { PayoutAccount } from "../../../shared/api/payout-account";
import { useOnline, useSession } from "../data/hooks";
import { api, describeError } from "../lib/api";

const PATH = "/api/payments/payout-account";

export function PayoutAccountPanel() {
  const s = useSession();
  const earner =
    !!s &&
    (s.user.isCreator ||
      s.user.isStudentTeacher ||
      s.user.role === "creator" ||
      s.user.role === "student_teacher");
  return earner ? <PayoutAccountView token={s.token} /> : null;
}

function PayoutAccountView(props: { token: string }) {
  const online = useOnline();
  const [account, setAccount] = useState<PayoutAccount | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  // Asked again whenever the device comes back online (e.g. back from Stripe's form).
  useEffect(() => {
    if (!online) return;
    const ctrl = new AbortController();
    api<PayoutAccount>(PATH, { token: props.token, signal: ctrl.signal })
      .then(setAccount)
      .catch((err) => {
        if ((err as Error).name !== "AbortError") setMessage(describeError(err));
      });
    return () => ctrl.abort();
  }, [online, props.token]);

  const setUp = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const next = await api<PayoutAccount>(PATH, { method: "POST", token: props.token });
      if (next.url) {
        location.assign(next.url);
        return;
      }
      setAccount(next);
    } catch (err) {
      setMessage(describeError(err));
    }
    setBusy(false);
  };

  let body: ComponentChildren;
  if (account?.state === "ready") {
    body = <p>Payouts ready: approved payouts are sent to your connected account.</p>;
  } else if (!online) {
    body = (
      <p class="notice" role="status">
        Setting up payouts needs a connection. You are offline: try again when you are back online.
      </p>
    );
  } else if (!account) {
    body = message ? null : <p role="status">Loading…</p>;
  } else {
    body = (
      <>
        <p>
          {account.state === "onboarding"
            ? "Your payout account is not finished yet: continue where you left off."
            : "Set up where your payouts go before an admin can pay you."}
          {account.provider === "stripe" ? " You will fill in your details at Stripe." : null}
        </p>
        <p>
          <button type="button" class="primary" disabled={busy} onClick={() => void setUp()}>
            {busy
              ? "Opening…"
              : account.state === "onboarding"
                ? "Continue payout setup"
                : "Set up payouts"}
          </button>
        </p>
      </>
    );
  }
  return (
    <section class="payout-account" aria-labelledby="payout-account-title">
      <h2 id="payout-account-title" class="h3">
        Payout account
      </h2>
      {body}
      <p role="status" aria-live="polite">
        {message ?? ""}
      </p>
    </section>
  );
}
