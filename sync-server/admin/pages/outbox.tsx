/** @jsxImportSource hono/jsx */
import { dateTime } from "../components/format";
import { Layout, type PageContext, Pager, SearchForm } from "../components/layout";
import type { listOutbox } from "../queries/outbox";

export function OutboxPage(props: {
  ctx: PageContext;
  list: Awaited<ReturnType<typeof listOutbox>>;
  q: string | undefined;
  cursor: string | undefined;
}) {
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Email outbox" active="/admin/outbox">
      <p class="muted">
        What the server sent, or logged instead of sending when no SMTP server is configured.
      </p>
      <SearchForm action="/admin/outbox" q={props.q} label="Address starts with" />
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
              <td>{m.subject}</td>
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
        params={{ q: props.q, cursor: props.cursor }}
        next={props.list.nextCursor}
      />
    </Layout>
  );
}
