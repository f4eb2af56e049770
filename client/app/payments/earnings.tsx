/** A teacher's or creator's earnings: held (pending), payable (released) and paid. */
import { useEffect, useState } from "preact/hooks";
import type { Earnings as EarningsData } from "../../../shared/api/payments";
import { SignedIn } from "../components/signed-in";
import { useOnline, useSession } from "../data/hooks";
import { api, describeError } from "../lib/api";
import { date, money } from "../lib/format";
import { PayoutAccountPanel } from "./payout-account-panel";

export function Earnings() {
  return <SignedIn title="Earnings">{() => <EarningsView />}</SignedIn>;
}

const LABEL = { platform: "Platform", creator: "Creator share", student_teacher: "Teaching share" };

function EarningsView() {
  const data = useApi<EarningsData>("/api/earnings");
  if (data.kind !== "ok") return <Pending title="Earnings" state={data} />;
  const { totals, splits } = data.value;
  const cur = splits[0]?.currency ?? "USD";
  return (
    <section>
      <h1>Earnings</h1>
      <dl class="totals">
        <div>
          <dt>Held in escrow</dt>
          <dd>{money(totals.pendingCents, cur)}</dd>
        </div>
        <div>
          <dt>Released, awaiting payout</dt>
          <dd>{money(totals.releasedCents, cur)}</dd>
        </div>
        <div>
          <dt>Paid out</dt>
          <dd>{money(totals.paidCents, cur)}</dd>
        </div>
      </dl>
      <p class="muted">
        Shares are held until the refund window closes; teaching shares are released session by
        session. An admin then approves the payout to your account.
      </p>
      <PayoutAccountPanel />
      {splits.length === 0 ? <p>No earnings yet.</p> : null}
      <ul class="list">
        {splits.map((x) => (
          <li key={x.splitId}>
            <h2 class="h3">
              {x.courseTitle} · {x.learnerName}
            </h2>
            <p>
              {LABEL[x.recipientType]}: {money(x.amountCents, x.currency)}
              {x.status === "cancelled"
                ? " — refunded"
                : ` — held ${money(x.pendingCents, x.currency)}, released ${money(x.releasedCents, x.currency)}, paid ${money(x.paidCents, x.currency)}`}
            </p>
            <p class="muted">{date(x.createdAt)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export type Fetched<T> =
  | { kind: "loading" }
  | { kind: "offline" }
  | { kind: "error"; message: string }
  | { kind: "ok"; value: T };

/** One GET on the JSON API with the session's token; re-fetched when back online. */
export function useApi<T>(path: string): Fetched<T> {
  const online = useOnline();
  const token = useSession()?.token ?? null;
  const [state, setState] = useState<Fetched<T>>({ kind: "loading" });
  useEffect(() => {
    if (!online) {
      setState((s) => (s.kind === "ok" ? s : { kind: "offline" }));
      return;
    }
    const ctrl = new AbortController();
    api<T>(path, { token, signal: ctrl.signal })
      .then((value) => setState({ kind: "ok", value }))
      .catch((err) => {
        if ((err as Error).name !== "AbortError")
          setState({ kind: "error", message: describeError(err) });
      });
    return () => ctrl.abort();
  }, [path, online, token]);
  return state;
}

export function Pending(props: { title: string; state: Fetched<unknown> }) {
  const s = props.state;
  return (
    <section>
      <h1>{props.title}</h1>
      <p role="status">
        {s.kind === "offline"
          ? "This page needs a connection: money is kept on the server, not on this device."
          : s.kind === "error"
            ? s.message
            : "Loading…"}
      </p>
    </section>
  );
}
