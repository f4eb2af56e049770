/** @jsxImportSource hono/jsx */
/** The Money page's "Refunds owed" section: still owed first, then the refunded ones. */
import { count, dateTime, money } from "../components/format";
import { Pager, SearchForm, StatusFilter } from "../components/layout";
import { type listRefundsOwed, REFUND_OWED_FILTERS } from "../queries/refunds-owed";

type RefundsPage = Awaited<ReturnType<typeof listRefundsOwed>>;

const STATE_TEXT = { pending: "owed, not tried yet", failed: "owed, failed", refunded: "refunded" };

export function RefundsOwedSection(props: {
  list: RefundsPage;
  q: string | undefined;
  status: string | undefined;
  /** The whole page's query (the other lists keep their place when this one pages). */
  params: Record<string, string | undefined>;
  tz: string;
}) {
  const { tz } = props;
  return (
    <>
      <h2 id="refunds-owed">Refunds owed</h2>
      <p class="muted">
        Payments that could not become an enrollment (wrong amount, learner already enrolled,
        checkout expired) go back to the payer. The server sends each refund and retries it every 15
        minutes until it goes through; owed ones come first.
      </p>
      <SearchForm
        action="/admin/money#refunds-owed"
        name="refundsQ"
        q={props.q}
        label="Learner's or payer's name, email or handle, or course title, starts with; or payment id"
      >
        <StatusFilter
          name="refundsStatus"
          label="State"
          options={REFUND_OWED_FILTERS}
          selected={props.status}
        />
      </SearchForm>
      <table>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Course</th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col">Reason</th>
            <th scope="col">State</th>
            <th scope="col" class="num">
              Attempts
            </th>
            <th scope="col">Last error</th>
            <th scope="col">Created</th>
            <th scope="col">Refunded</th>
          </tr>
        </thead>
        <tbody>
          {props.list.items.map((r) => (
            <tr data-refund-owed={r.id}>
              <td>
                <a href={`/admin/users/${r.learnerId}`}>{r.learner}</a>
                <br />
                <small class="muted">{r.learnerEmail}</small>
                {r.payerId !== r.learnerId ? (
                  <>
                    <br />
                    <small class="muted">paid by {r.payer}</small>
                  </>
                ) : null}
              </td>
              <td>
                {r.course}
                <br />
                <small class="muted">{r.paymentId}</small>
              </td>
              <td class="num">{money(r.amountCents, r.currency)}</td>
              <td>{r.reason}</td>
              <td class={r.state === "failed" ? "error-text" : undefined}>{STATE_TEXT[r.state]}</td>
              <td class="num">{count(r.attempts)}</td>
              <td>{r.lastError ? <span class="error-text">{r.lastError}</span> : "—"}</td>
              <td>{dateTime(r.createdAt, tz)}</td>
              <td>
                {dateTime(r.refundedAt, tz)}
                {r.refundId ? (
                  <>
                    <br />
                    <small class="muted">{r.refundId}</small>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.list.items.length === 0 ? (
        <p class="muted">
          {props.q || props.status ? "No refund owed matches." : "No refund is owed."}
        </p>
      ) : null}
      <Pager
        base="/admin/money"
        params={props.params}
        next={props.list.nextCursor}
        cursorParam="refundsCursor"
        label="Refunds owed pages"
        hash="refunds-owed"
      />
    </>
  );
}
