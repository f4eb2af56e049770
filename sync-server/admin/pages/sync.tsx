/** @jsxImportSource hono/jsx */
import { LineChart } from "../components/charts";
import { count, dateTime } from "../components/format";
import { Layout, type PageContext, Stat } from "../components/layout";
import { LONG_TRANSACTION_SECONDS, openFor } from "../queries/open-transactions";
import type { syncHealth } from "../queries/sync-health";

const minute = (at: string) => at.slice(11, 16);

export function SyncPage(props: { ctx: PageContext; h: Awaited<ReturnType<typeof syncHealth>> }) {
  const h = props.h;
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Sync health" active="/admin/sync">
      {h.warnings.length ? (
        <div class="warn" role="alert">
          <strong>Needs a look:</strong>
          <ul>
            {h.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="flash ok">No warnings.</p>
      )}
      <dl class="stats">
        <Stat label="Devices synced in the last 5 min" value={count(h.devicesSyncingRecently)} />
        <Stat label="Live streams on this server" value={count(h.openStreamsHere)} />
        <Stat label="Conflicts (24 h)" value={count(h.conflicts24h)} />
        <Stat
          label="Change feed rows"
          value={count(h.feed.rows)}
          note={`${count(h.feed.addedLast15Minutes)} added in 15 min`}
        />
        <Stat
          label="Tombstones"
          value={count(h.feed.tombstones)}
          note={
            h.feed.tombstoneAgeDays === null ? "none" : `oldest ${h.feed.tombstoneAgeDays} days`
          }
        />
      </dl>
      {h.longTransactions.length ? (
        <>
          <h2 id="long-transactions">Transactions holding back sync</h2>
          <p class="muted">
            Open longer than {LONG_TRANSACTION_SECONDS} seconds with a transaction id, in any
            database of the Postgres cluster: until they end, pulls serve no change made after they
            began.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Backend</th>
                <th scope="col">Database</th>
                <th scope="col">Application</th>
                <th scope="col">State</th>
                <th scope="col">Since</th>
                <th scope="col" class="num">
                  Open for
                </th>
              </tr>
            </thead>
            <tbody>
              {h.longTransactions.map((t) => (
                <tr>
                  <td>{t.kind === "prepared" ? `prepared "${t.gid}"` : `pid ${t.pid}`}</td>
                  <td>{t.database ?? "—"}</td>
                  <td>{t.application ?? "—"}</td>
                  <td>{t.state ?? "—"}</td>
                  <td>{dateTime(t.startedAt, tz)}</td>
                  <td class="num">{openFor(t.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>Traffic, last 60 minutes (UTC)</h2>
      <div class="charts">
        <LineChart
          id="pulls"
          title="Pulls per minute"
          points={h.pullsPerMinute}
          label={minute}
          format={count}
          counts
        />
        <LineChart
          id="pushes"
          title="Pushes per minute"
          points={h.pushesPerMinute}
          label={minute}
          format={count}
          counts
        />
        <LineChart
          id="rejected"
          title="Refused pushed rows per minute"
          points={h.rejectedPerMinute}
          label={minute}
          format={count}
          counts
        />
      </div>
      <h2>Refused pushes (24 h) by error code</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Collection</th>
            <th scope="col" class="num">
              Rows
            </th>
            <th scope="col">Last</th>
          </tr>
        </thead>
        <tbody>
          {h.rejections.map((r) => (
            <tr>
              <td>{r.code}</td>
              <td>{r.collection}</td>
              <td class="num">{count(r.n)}</td>
              <td>{dateTime(r.last, tz)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {h.rejections.length === 0 ? <p class="muted">No refused push.</p> : null}
    </Layout>
  );
}
