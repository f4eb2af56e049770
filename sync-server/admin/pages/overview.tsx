/** @jsxImportSource hono/jsx */
import { BarChart, LineChart } from "../components/charts";
import { count, dateTime, money } from "../components/format";
import { Layout, type PageContext, Stat } from "../components/layout";
import type { AttentionItem } from "../queries/attention";
import type { CurrencyFigures, overview } from "../queries/overview";

type Data = Awaited<ReturnType<typeof overview>>;

const day = (at: string) => at.slice(5);
const hour = (at: string) => `${at.slice(11, 13)}h`;

/** "What needs me now": each item links to the list it counts, filtered. */
function Attention(props: { items: AttentionItem[] }) {
  if (!props.items.length) {
    return (
      <section aria-labelledby="attention-title" class="attention">
        <h2 id="attention-title">Needs attention</h2>
        <p class="flash ok">Nothing needs you now.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="attention-title" class="attention warn">
      <h2 id="attention-title">Needs attention</h2>
      <ul>
        {props.items.map((item) => (
          <li data-attention={item.kind}>
            <a href={item.href}>{item.text}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One money figure: one line per currency (amounts in two currencies are never added). */
function MoneyStat(props: {
  label: string;
  money: CurrencyFigures[];
  cents: (m: CurrencyFigures) => number;
  note?: (m: CurrencyFigures) => string;
}) {
  return (
    <div class="stat">
      <dt>{props.label}</dt>
      <dd>
        {props.money.length === 0 ? (
          <>
            —<small>no payments yet</small>
          </>
        ) : (
          props.money.map((m) => (
            <span class="per-currency">
              {money(props.cents(m), m.currency)}
              {props.note ? <small>{props.note(m)}</small> : null}
            </span>
          ))
        )}
      </dd>
    </div>
  );
}

export function OverviewPage(props: { ctx: PageContext; data: Data; attention: AttentionItem[] }) {
  const f = props.data.figures;
  const s = props.data.series;
  const several = f.money.length > 1;
  return (
    <Layout ctx={props.ctx} title="Overview" active="/admin">
      <Attention items={props.attention} />
      <p class="muted">
        Figures as of {dateTime(props.data.asOf, props.ctx.user.timezone)} (kept up to 30 s) ·{" "}
        <a href="/admin?fresh=1">Refresh now</a>
      </p>
      <dl class="stats">
        <Stat label="Users" value={count(f.users)} note={`${count(f.disabledUsers)} disabled`} />
        <Stat label="Active learners (30 days)" value={count(f.activeLearners)} />
        <Stat label="Enrollments" value={count(f.enrollments)} />
        <MoneyStat
          label="Revenue"
          money={f.money}
          cents={(m) => m.revenueCents}
          note={(m) => `refunded ${money(m.refundedCents, m.currency)}`}
        />
        <MoneyStat label="Platform share" money={f.money} cents={(m) => m.platformShareCents} />
        <MoneyStat
          label="Pending payouts"
          money={f.money}
          cents={(m) => m.pendingPayoutCents}
          note={(m) => `${count(m.pendingPayoutRecipients)} recipient(s) waiting`}
        />
        <Stat
          label="Devices syncing now"
          value={count(f.devicesSyncingNow)}
          note={`${count(f.openStreams)} live stream(s) on this server`}
        />
      </dl>
      <h2>Over time (UTC)</h2>
      <div class="charts">
        <BarChart
          id="enrollments"
          title="Enrollments per day, last 30 days"
          points={s.enrollmentsPerDay}
          label={day}
          format={count}
          counts
        />
        {s.revenuePerDay.map((r) => (
          <LineChart
            id={several ? `revenue-${r.currency.toLowerCase()}` : "revenue"}
            title={`Revenue per day${f.money.length ? ` (${r.currency})` : ""}, last 30 days`}
            points={r.points}
            label={day}
            format={(v) => money(v, r.currency)}
          />
        ))}
        <BarChart
          id="traffic"
          title="Sync requests per hour, last 24 hours"
          points={s.trafficHourly}
          label={hour}
          format={count}
          counts
        />
      </div>
    </Layout>
  );
}
