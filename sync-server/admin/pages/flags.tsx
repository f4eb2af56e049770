/** @jsxImportSource hono/jsx */
import { dateTime } from "../components/format";
import { Layout, type PageContext } from "../components/layout";
import type { listFlags } from "../queries/flags";

export function FlagsPage(props: {
  ctx: PageContext;
  items: Awaited<ReturnType<typeof listFlags>>;
}) {
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Flagged posts" active="/admin/flags">
      <table>
        <thead>
          <tr>
            <th scope="col">Flagged</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
            <th scope="col">Post</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((f) => (
            <tr>
              <td>{dateTime(f.createdAt, tz)}</td>
              <td>{f.flaggedBy}</td>
              <td>{f.reason}</td>
              <td>{f.excerpt}</td>
              <td>{f.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.items.length === 0 ? <p>No flagged post.</p> : null}
    </Layout>
  );
}
