/** @jsxImportSource hono/jsx */
import { count, dateTime, money } from "../components/format";
import { CsrfField, Layout, type PageContext, Pager, SearchForm } from "../components/layout";
import type { Page } from "../queries/paging";
import type { AdminUserRow, userDetail } from "../queries/users";

function roles(u: AdminUserRow): string {
  const r = [
    u.isAdmin && "admin",
    u.isModerator && "moderator",
    u.isCreator && "creator",
    u.isStudentTeacher && "Student-Teacher",
  ].filter(Boolean);
  return r.length ? r.join(", ") : "learner";
}

export function UsersPage(props: {
  ctx: PageContext;
  page: Page<AdminUserRow>;
  q: string | undefined;
  cursor: string | undefined;
}) {
  const tz = props.ctx.user.timezone;
  return (
    <Layout ctx={props.ctx} title="Users" active="/admin/users">
      <SearchForm action="/admin/users" q={props.q} label="Name, email or handle starts with" />
      <table>
        <caption class="muted">Newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Handle</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {props.page.items.map((u) => (
            <tr>
              <td>
                <a href={`/admin/users/${u.id}`}>{u.name}</a>
              </td>
              <td>{u.email}</td>
              <td>@{u.handle}</td>
              <td>{roles(u)}</td>
              <td>
                {u.disabledAt ? (
                  <span class="badge off">disabled</span>
                ) : (
                  <span class="badge ok">active</span>
                )}
              </td>
              <td>{dateTime(u.createdAt, tz)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.page.items.length === 0 ? <p>No user matches.</p> : null}
      <Pager
        base="/admin/users"
        params={{ q: props.q, cursor: props.cursor }}
        next={props.page.nextCursor}
      />
    </Layout>
  );
}

type Detail = NonNullable<Awaited<ReturnType<typeof userDetail>>>;

const FLAGS = [
  ["isCreator", "Creator"],
  ["isStudentTeacher", "Student-Teacher"],
  ["isModerator", "Moderator"],
  ["isAdmin", "Admin"],
] as const;

export function UserPage(props: { ctx: PageContext; d: Detail }) {
  const { user, learning, teaching, earnings, devices, openStreams } = props.d;
  const tz = props.ctx.user.timezone;
  const isAdmin = props.ctx.user.isAdmin;
  return (
    <Layout ctx={props.ctx} title={user.name} active="/admin/users">
      <p>
        {user.email} · @{user.handle} · joined {dateTime(user.createdAt, tz)} ·{" "}
        {user.disabledAt ? (
          <span class="badge off">disabled {dateTime(user.disabledAt, tz)}</span>
        ) : (
          <span class="badge ok">active</span>
        )}
      </p>
      <h2>Roles</h2>
      {isAdmin ? (
        <form method="post" action={`/admin/users/${user.id}/roles`}>
          <CsrfField token={props.ctx.csrf} />
          <input type="hidden" name="roles" value="1" />
          <fieldset>
            <legend>Roles and flags</legend>
            {FLAGS.map(([key, label]) => (
              <label style="margin-right:16px">
                <input type="checkbox" name={key} value="on" checked={user[key]} /> {label}
              </label>
            ))}
            <button type="submit">Save roles</button>
          </fieldset>
        </form>
      ) : (
        <p>
          {FLAGS.filter(([k]) => user[k])
            .map(([, l]) => l)
            .join(", ") || "Learner"}
        </p>
      )}
      {isAdmin ? (
        user.disabledAt ? (
          <form method="post" action={`/admin/users/${user.id}/enable`} class="inline">
            <CsrfField token={props.ctx.csrf} />
            <button type="submit">Enable account</button>
          </form>
        ) : (
          <form method="post" action={`/admin/users/${user.id}/disable`} class="inline">
            <CsrfField token={props.ctx.csrf} />
            <label for="reason">Reason</label>
            <input id="reason" name="reason" type="text" required maxlength={500} />
            <button type="submit" class="danger">
              Disable account (ends its sessions and sync)
            </button>
          </form>
        )
      ) : null}
      <h2>Learning</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Status</th>
            <th scope="col">Enrolled</th>
          </tr>
        </thead>
        <tbody>
          {learning.map((e) => (
            <tr>
              <td>{e.course}</td>
              <td>{e.status}</td>
              <td>{dateTime(e.enrolledAt, tz)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {learning.length === 0 ? <p class="muted">No enrollments.</p> : null}
      <h2>Teaching</h2>
      {teaching.length === 0 ? (
        <p class="muted">Not a certified Student-Teacher of any course.</p>
      ) : (
        <ul>
          {teaching.map((t) => (
            <li>
              {t.course} — {t.isActive ? "active" : "inactive"}, {count(t.studentsTaught)}{" "}
              student(s) taught, certified {t.certifiedDate}
            </li>
          ))}
        </ul>
      )}
      {earnings ? (
        <>
          <h2>Earnings</h2>
          {earnings.length === 0 ? (
            <p class="muted">No earnings.</p>
          ) : (
            <ul>
              {earnings.map((e) => (
                <li>
                  {e.status}: {money(e.cents, e.currency)} ({count(e.count)} split(s))
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <h2>Devices</h2>
      <p class="muted">{openStreams} live sync stream(s) on this server.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last seen</th>
            <th scope="col">Last sync</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr>
              <td>{d.userAgent ?? "unknown"}</td>
              <td>{dateTime(d.createdAt, tz)}</td>
              <td>{dateTime(d.lastSeenAt, tz)}</td>
              <td>{d.lastSyncAt ? dateTime(d.lastSyncAt, tz) : "never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {devices.length === 0 ? <p class="muted">No signed-in device.</p> : null}
      {isAdmin ? (
        <p>
          <a href={`/admin/audit?targetId=${user.id}`}>Audit history of this user</a>
        </p>
      ) : null}
    </Layout>
  );
}
