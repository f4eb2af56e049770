/** @jsxImportSource hono/jsx */
import { PAYOUT_STATUSES } from "../../../shared/domain/enums";
import type { PayoutQueueRow } from "../../payments/payouts";
import { TRANSACTION_STATUSES_ADMIN } from "../api-enums";
import { count, dateTime, money } from "../components/format";
import {
  CsrfField,
  Layout,
  type PageContext,
  Pager,
  SearchForm,
  StatusFilter,
} from "../components/layout";
import type { listPayouts, listTransactions, splitsByState } from "../queries/money";
import type { Page } from "../queries/paging";
import type { listRefundsOwed } from "../queries/refunds-owed";
import { RefundsOwedSection } from "./refunds-owed";

/** The page's query: each list has its own search and cursor parameters. */
export interface MoneyParams {
  queueQ?: string | undefined;
  queueCursor?: string | undefined;
  payoutsQ?: string | undefined;
  payoutsCursor?: string | undefined;
  payoutsStatus?: string | undefined;
  refundsQ?: string | undefined;
  refundsCursor?: string | undefined;
  refundsStatus?: string | undefined;
  q?: string | undefined;
  status?: string | undefined;
  cursor?: string | undefined;
}

export function MoneyPage(props: {
  ctx: PageContext;
  splits: Awaited<ReturnType<typeof splitsByState>>;
  queue: Page<PayoutQueueRow>;
  payouts: Awaited<ReturnType<typeof listPayouts>>;
  refunds: Awaited<ReturnType<typeof listRefundsOwed>>;
  transactions: Awaited<ReturnType<typeof listTransactions>>;
  params: MoneyParams;
}) {
  const tz = props.ctx.user.timezone;
  const params = { ...props.params } as Record<string, string | undefined>;
  return (
    <Layout ctx={props.ctx} title="Money" active="/admin/money">
      <h2 id="queue">Payout queue</h2>
      <p class="muted">
        Released, unpaid shares per recipient and currency, largest first. Approving pays that row
        (one currency) now.
      </p>
      <SearchForm
        action="/admin/money#queue"
        name="queueQ"
        q={props.params.queueQ}
        label="Recipient's name, email or handle starts with"
      />
      <table>
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col" class="num">
              Released, unpaid
            </th>
            <th scope="col" class="num">
              Splits
            </th>
            <th scope="col">Connected account</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {props.queue.items.map((r) => (
            <tr>
              <td>
                <a href={`/admin/users/${r.recipientId}`}>{r.name}</a>
                <br />
                <small class="muted">{r.email}</small>
              </td>
              <td class="num">{money(r.releasedUnpaidCents, r.currency)}</td>
              <td class="num">{count(r.splitCount)}</td>
              <td>{r.hasConnectedAccount ? "yes" : "no"}</td>
              <td>
                {r.hasConnectedAccount ? (
                  <form method="post" action="/admin/payouts/approve" class="inline">
                    <CsrfField token={props.ctx.csrf} />
                    <input type="hidden" name="recipientId" value={r.recipientId} />
                    <input type="hidden" name="currency" value={r.currency} />
                    <button type="submit">
                      Approve payout to {r.name}: {money(r.releasedUnpaidCents, r.currency)}
                    </button>
                  </form>
                ) : (
                  // Nothing can be transferred until they connect one (Earnings, "Set up payouts").
                  <span class="muted">no payout account</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.queue.items.length === 0 ? (
        <p>{props.params.queueQ ? "Nobody matches." : "Nobody is waiting for a payout."}</p>
      ) : null}
      <Pager
        base="/admin/money"
        params={params}
        next={props.queue.nextCursor}
        cursorParam="queueCursor"
        label="Payout queue pages"
        hash="queue"
      />

      <RefundsOwedSection
        list={props.refunds}
        q={props.params.refundsQ}
        status={props.params.refundsStatus}
        params={params}
        tz={tz}
      />

      <h2>Splits by state</h2>
      <p class="muted">
        Totals kept up to 30 s · <a href="/admin/money?fresh=1">Refresh now</a>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Recipient type</th>
            <th scope="col" class="num">
              Splits
            </th>
            <th scope="col" class="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {props.splits.map((s) => (
            <tr>
              <td>{s.status}</td>
              <td>{s.recipientType}</td>
              <td class="num">{count(s.count)}</td>
              <td class="num">{money(s.cents, s.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="payouts">Recent payouts</h2>
      <SearchForm
        action="/admin/money#payouts"
        name="payoutsQ"
        q={props.params.payoutsQ}
        label="Recipient's name, email or handle starts with"
      >
        <StatusFilter
          name="payoutsStatus"
          label="Status"
          options={PAYOUT_STATUSES}
          selected={props.params.payoutsStatus}
        />
      </SearchForm>
      <table>
        <thead>
          <tr>
            <th scope="col">Recipient</th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col">Status</th>
            <th scope="col">Failed transfers</th>
            <th scope="col">Transfer</th>
            <th scope="col">Approved</th>
          </tr>
        </thead>
        <tbody>
          {props.payouts.items.map((p) => (
            <tr>
              <td>{p.recipient}</td>
              <td class="num">{money(p.amountCents, p.currency)}</td>
              <td>{p.status}</td>
              <td>
                {p.failures ? (
                  <>
                    {money(p.failedCents, p.currency)}: <span class="error-text">{p.failures}</span>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>{p.stripeTransferId ?? "—"}</td>
              <td>{dateTime(p.approvedAt, tz)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {props.payouts.items.length === 0 ? <p class="muted">No payouts.</p> : null}
      <Pager
        base="/admin/money"
        params={params}
        next={props.payouts.nextCursor}
        cursorParam="payoutsCursor"
        label="Payout pages"
        hash="payouts"
      />

      <h2 id="transactions">Transactions</h2>
      <SearchForm
        action="/admin/money#transactions"
        q={props.params.q}
        label="Learner's name or email, or course title, starts with; or payment id"
      >
        <StatusFilter
          name="status"
          label="Status"
          options={TRANSACTION_STATUSES_ADMIN}
          selected={props.params.status}
          optionLabel={(s) => (s === "refunded" ? "refunded (refunds)" : s)}
        />
      </SearchForm>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Learner</th>
            <th scope="col">Course</th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.transactions.items.map((t) => (
            <tr>
              <td>{dateTime(t.createdAt, tz)}</td>
              <td>
                {t.student}
                <br />
                <small class="muted">{t.studentEmail}</small>
              </td>
              <td>
                {t.course}
                <br />
                <small class="muted">{t.paymentId}</small>
              </td>
              <td class="num">{money(t.amountCents, t.currency)}</td>
              <td>{t.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.transactions.items.length === 0 ? <p class="muted">No transactions.</p> : null}
      <Pager
        base="/admin/money"
        params={params}
        next={props.transactions.nextCursor}
        label="Transaction pages"
        hash="transactions"
      />
    </Layout>
  );
}
