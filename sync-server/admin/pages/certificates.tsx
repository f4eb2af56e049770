/** @jsxImportSource hono/jsx */
import { dateTime } from "../components/format";
import { CsrfField, Layout, type PageContext, Pager, SearchForm } from "../components/layout";
import type { certificateDetail, listCertificates } from "../queries/certificates";

type List = Awaited<ReturnType<typeof listCertificates>>;
type Detail = NonNullable<Awaited<ReturnType<typeof certificateDetail>>>;

function State(props: { revokedAt: Date | null }) {
  return props.revokedAt ? (
    <span class="badge off">revoked</span>
  ) : (
    <span class="badge ok">valid</span>
  );
}

export function CertificatesPage(props: {
  ctx: PageContext;
  list: List;
  q: string | undefined;
  cursor: string | undefined;
}) {
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Certificates" active="/admin/certificates">
      <SearchForm
        action="/admin/certificates"
        q={props.q}
        label="Certificate id, or learner, email or course starts with"
      />
      <table>
        <thead>
          <tr>
            <th scope="col">Learner</th>
            <th scope="col">Course</th>
            <th scope="col">Type</th>
            <th scope="col">Issued</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {props.list.items.map((c) => (
            <tr>
              <td>
                <a href={`/admin/certificates/${c.id}`}>{c.learner}</a>
              </td>
              <td>{c.course}</td>
              <td>{c.type}</td>
              <td>{dateTime(c.issuedAt, tz)}</td>
              <td>
                <State revokedAt={c.revokedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.list.items.length === 0 ? <p>No certificate matches.</p> : null}
      <Pager
        base="/admin/certificates"
        params={{ q: props.q, cursor: props.cursor }}
        next={props.list.nextCursor}
      />
    </Layout>
  );
}

export function CertificatePage(props: { ctx: PageContext; cert: Detail }) {
  const c = props.cert;
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title={`Certificate: ${c.learner}`} active="/admin/certificates">
      <dl>
        <dt>Learner</dt>
        <dd>
          <a href={`/admin/users/${c.userId}`}>{c.learner}</a> ({c.learnerEmail})
        </dd>
        <dt>Course</dt>
        <dd>{c.course}</dd>
        <dt>Type</dt>
        <dd>{c.type}</dd>
        <dt>Issued</dt>
        <dd>
          {dateTime(c.issuedAt, tz)} by {c.issuedBy}
        </dd>
        <dt>State</dt>
        <dd>
          <State revokedAt={c.revokedAt} />
          {c.revokedAt ? ` on ${dateTime(c.revokedAt, tz)}: ${c.revocationReason ?? ""}` : null}
        </dd>
        <dt>Id</dt>
        <dd>
          <code>{c.id}</code> · <a href={`/verify/${c.id}`}>public verification page</a>
        </dd>
      </dl>
      {c.revokedAt ? null : (
        <form method="post" action={`/admin/certificates/${c.id}/revoke`}>
          <CsrfField token={props.ctx.csrf} />
          <div class="field">
            <label for="reason">Reason for revoking (shown on the verification page)</label>
            <input id="reason" name="reason" type="text" required minlength={3} maxlength={500} />
          </div>
          <button type="submit" class="danger">
            Revoke certificate
          </button>
        </form>
      )}
      <h2>Signed credential</h2>
      {c.credential ? (
        // Focusable so keyboard users can scroll the long JSON.
        <pre tabindex={0}>{JSON.stringify(c.credential, null, 2)}</pre>
      ) : (
        <p class="muted">No credential stored.</p>
      )}
    </Layout>
  );
}
