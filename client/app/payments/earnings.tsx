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

type Split = EarningsData["splits"][number];

/** Amounts here are sums: 0 is "$0.00", not "Free". */
const amount = (cents: number, currency: string) =>
  cents === 0
    ? new Intl.NumberFormat(undefined, { style: "currency", currency }).format(0)
    : money(cents, currency);

function EarningsView() {
  const data = useApi<EarningsData>("/api/earnings");
  const token = useSession()?.token ?? null;
  // Older pages, loaded on demand after the first one.
  const [older, setOlder] = useState<Split[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (data.kind !== "ok") return <Pending title="Earnings" state={data} />;
  const { totals } = data.value;
  const splits = [...data.value.splits, ...older];
  const cursor = next === undefined ? data.value.nextBefore : next;
  const shown = totals.length
    ? totals
    : [{ currency: "USD", pendingCents: 0, releasedCents: 0, paidCents: 0 }];

  const more = async () => {
    if (!cursor) return;
    setBusy(true);
    setProblem(null);
    try {
      const page = await api<EarningsData>(`/api/earnings?before=${cursor}`, { token });
      setOlder((o) => [...o, ...page.splits]);
      setNext(page.nextBefore);
    } catch (err) {
      setProblem(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>Earnings</h1>
      {shown.map((t) => (
        <dl class="totals" key={t.currency} aria-label={`Totals in ${t.currency}`}>
          <div>
            <dt>Held in escrow</dt>
            <dd>{amount(t.pendingCents, t.currency)}</dd>
          </div>
          <div>
            <dt>Released, awaiting payout</dt>
            <dd>{amount(t.releasedCents, t.currency)}</dd>
          </div>
          <div>
            <dt>Paid out</dt>
            <dd>{amount(t.paidCents, t.currency)}</dd>
          </div>
        </dl>
      ))}
      <p class="muted">
        Shares are held until the refund window closes; teaching shares are released session by
        session (a session your learner cancelled too late counts as taught). An admin then approves
        the payout to your account.
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
                : ` — held ${amount(x.pendingCents, x.currency)}, released ${amount(x.releasedCents, x.currency)}, paid ${amount(x.paidCents, x.currency)}`}
            </p>
            <p class="muted">{date(x.createdAt)}</p>
          </li>
        ))}
      </ul>
      {cursor ? (
        <p>
          <button type="button" disabled={busy} onClick={() => void more()}>
            {busy ? "Loading…" : "Show older earnings"}
          </button>
        </p>
      ) : null}
      {problem ? <p role="status">{problem}</p> : null}
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
