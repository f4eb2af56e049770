/** @jsxImportSource hono/jsx */
import { CONTENT_FLAG_STATUSES } from "../../../shared/domain/enums";
import { dateTime } from "../components/format";
import {
  CsrfField,
  Layout,
  type PageContext,
  Pager,
  SearchForm,
  StatusFilter,
} from "../components/layout";
import type { listFlags } from "../queries/flags";

export function FlagsPage(props: {
  ctx: PageContext;
  list: Awaited<ReturnType<typeof listFlags>>;
  q: string | undefined;
  status: string | undefined;
  cursor: string | undefined;
}) {
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Flagged posts" active="/admin/flags">
      <p class="muted">
        Pending flags first, then newest. Resolve a flag that was right; dismiss one that was not.
      </p>
      <SearchForm
        action="/admin/flags"
        q={props.q}
        label="Post text or author's name, email or handle starts with"
      >
        <StatusFilter
          name="status"
          label="Status"
          options={CONTENT_FLAG_STATUSES}
          selected={props.status}
        />
      </SearchForm>
      <table>
        <thead>
          <tr>
            <th scope="col">Flagged</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
            <th scope="col">Post</th>
            <th scope="col">Author</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {props.list.items.map((f) => (
            <tr>
              <td>{dateTime(f.createdAt, tz)}</td>
              <td>{f.flaggedBy}</td>
              <td>{f.reason}</td>
              <td>{f.excerpt}</td>
              <td>{f.author}</td>
              <td>
                {f.status}
                {f.reviewedAt ? <small class="muted"> {dateTime(f.reviewedAt, tz)}</small> : null}
              </td>
              <td>
                {f.status === "pending" && f.authorId !== props.ctx.user.id ? (
                  <form method="post" action={`/admin/flags/${f.id}/review`} class="inline">
                    <CsrfField token={props.ctx.csrf} />
                    <button type="submit" name="decision" value="resolve">
                      Resolve flag by {f.flaggedBy}
                    </button>{" "}
                    <button type="submit" name="decision" value="dismiss">
                      Dismiss flag by {f.flaggedBy}
                    </button>
                  </form>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.list.items.length === 0 ? <p>No flagged post.</p> : null}
      <Pager
        base="/admin/flags"
        params={{ q: props.q, status: props.status, cursor: props.cursor }}
        next={props.list.nextCursor}
      />
    </Layout>
  );
}
