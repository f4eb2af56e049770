/** @jsxImportSource hono/jsx */

import { EMAIL_STATUSES_ADMIN } from "../api-enums";
import { dateTime } from "../components/format";
import { Layout, type PageContext, Pager, SearchForm, StatusFilter } from "../components/layout";
import type { listOutbox, outboxDetail } from "../queries/outbox";

export function OutboxPage(props: {
  ctx: PageContext;
  list: Awaited<ReturnType<typeof listOutbox>>;
  q: string | undefined;
  status: string | undefined;
  cursor: string | undefined;
}) {
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Email outbox" active="/admin/outbox">
      <p class="muted">
        What the server sent, or logged instead of sending when no SMTP server is configured. A
        message SMTP refused stays <code>failed</code> (it is not retried).
      </p>
      <SearchForm action="/admin/outbox" q={props.q} label="Address starts with">
        <StatusFilter
          name="status"
          label="Status"
          options={EMAIL_STATUSES_ADMIN}
          selected={props.status}
        />
      </SearchForm>
      <table>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col">Sent</th>
          </tr>
        </thead>
        <tbody>
          {props.list.items.map((m) => (
            <tr>
              <td>{dateTime(m.createdAt, tz)}</td>
              <td>{m.toAddress}</td>
              <td>
                <a href={`/admin/outbox/${m.id}`}>{m.subject}</a>
              </td>
              <td>{m.kind}</td>
              <td>
                {m.status}
                {m.lastError ? <small class="muted"> ({m.lastError})</small> : null}
              </td>
              <td>{dateTime(m.sentAt, tz)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.list.items.length === 0 ? <p>No email.</p> : null}
      <Pager
        base="/admin/outbox"
        params={{ q: props.q, status: props.status, cursor: props.cursor }}
        next={props.list.nextCursor}
      />
    </Layout>
  );
}

type Email = NonNullable<Awaited<ReturnType<typeof outboxDetail>>>;

/** One message as it was sent (or logged), tokens in its links hidden. */
export function EmailPage(props: { ctx: PageContext; email: Email }) {
  const m = props.email;
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title={m.subject} active="/admin/outbox">
      <p>
        <a href="/admin/outbox">← Email outbox</a>
      </p>
      <dl class="facts">
        <dt>To</dt>
        <dd>{m.toAddress}</dd>
        <dt>Kind</dt>
        <dd>{m.kind}</dd>
        <dt>Status</dt>
        <dd>
          {m.status} after {m.attempts} attempt(s)
          {m.lastError ? <span class="error-text"> — {m.lastError}</span> : null}
        </dd>
        <dt>Created</dt>
        <dd>{dateTime(m.createdAt, tz)}</dd>
        <dt>Sent</dt>
        <dd>{dateTime(m.sentAt, tz)}</dd>
      </dl>
      <h2>Message</h2>
      <p class="muted">Single-use tokens in links are shown as [hidden].</p>
      <pre>{m.bodyText}</pre>
    </Layout>
  );
}
