/** @jsxImportSource hono/jsx */
import { dateTime } from "../components/format";
import { Layout, type PageContext, Pager, SearchForm } from "../components/layout";
import type { listAudit } from "../queries/audit";

export function AuditPage(props: {
  ctx: PageContext;
  list: Awaited<ReturnType<typeof listAudit>>;
  q: string | undefined;
  targetId: string | undefined;
  cursor: string | undefined;
}) {
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Audit log" active="/admin/audit">
      <p class="muted">
        Every admin action, newest first. Entries can never be changed or deleted.
      </p>
      <SearchForm
        action="/admin/audit"
        q={props.q}
        label="Action, who (name, email or handle) or target id starts with"
      >
        {props.targetId ? <input type="hidden" name="targetId" value={props.targetId} /> : null}
      </SearchForm>
      {props.targetId ? (
        <p>
          Showing actions on <code>{props.targetId}</code>. <a href="/admin/audit">Show all</a>
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Before → after</th>
          </tr>
        </thead>
        <tbody>
          {props.list.items.map((a) => (
            <tr>
              <td>{dateTime(a.at, tz)}</td>
              <td>{a.actor}</td>
              <td>{a.action}</td>
              <td>
                {a.targetType} <code>{a.targetId.slice(0, 8)}</code>
              </td>
              <td>
                <details>
                  <summary>changes</summary>
                  <pre tabindex={0}>
                    {JSON.stringify({ before: a.before, after: a.after }, null, 2)}
                  </pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.list.items.length === 0 ? (
        <p>{props.q || props.targetId ? "No admin action matches." : "No admin action yet."}</p>
      ) : null}
      <Pager
        base="/admin/audit"
        params={{ q: props.q, targetId: props.targetId, cursor: props.cursor }}
        next={props.list.nextCursor}
      />
    </Layout>
  );
}
