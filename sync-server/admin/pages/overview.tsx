/** @jsxImportSource hono/jsx */
import { BarChart, LineChart } from "../components/charts";
import { count, dateTime, money } from "../components/format";
import { Layout, type PageContext, Stat } from "../components/layout";
import type { overview } from "../queries/overview";

type Data = Awaited<ReturnType<typeof overview>>;

const day = (at: string) => at.slice(5);
const hour = (at: string) => `${at.slice(11, 13)}h`;

export function OverviewPage(props: { ctx: PageContext; data: Data }) {
  const f = props.data.figures;
  const s = props.data.series;
  return (
    <Layout ctx={props.ctx} title="Overview" active="/admin">
      <p class="muted">
        Figures as of {dateTime(props.data.asOf, props.ctx.user.timezone)} (kept up to 30 s) ·{" "}
        <a href="/admin?fresh=1">Refresh now</a>
      </p>
      <dl class="stats">
        <Stat label="Users" value={count(f.users)} note={`${count(f.disabledUsers)} disabled`} />
        <Stat label="Active learners (30 days)" value={count(f.activeLearners)} />
        <Stat label="Enrollments" value={count(f.enrollments)} />
        <Stat
          label="Revenue"
          value={money(f.revenueCents)}
          note={`refunded ${money(f.refundedCents)}`}
        />
        <Stat label="Platform share" value={money(f.platformShareCents)} />
        <Stat
          label="Pending payouts"
          value={money(f.pendingPayoutCents)}
          note={`${count(f.pendingPayoutRecipients)} recipient(s) waiting`}
        />
        <Stat
          label="Devices syncing now"
          value={count(f.devicesSyncingNow)}
          note={`${count(f.openStreams)} live stream(s) on this server`}
        />
      </dl>
      {f.pendingPayoutRecipients > 0 ? (
        <p class="warn">
          {count(f.pendingPayoutRecipients)} recipient(s) are waiting for a payout.{" "}
          <a href="/admin/money#queue">Open the payout queue</a>
        </p>
      ) : null}
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
        <LineChart
          id="revenue"
          title="Revenue per day, last 30 days"
          points={s.revenuePerDay}
          label={day}
          format={(v) => money(v)}
        />
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
