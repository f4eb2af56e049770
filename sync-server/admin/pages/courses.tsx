/** @jsxImportSource hono/jsx */
import { COURSE_BADGES } from "../../../shared/domain/enums";
import { count, money } from "../components/format";
import { CsrfField, Layout, type PageContext, SearchForm } from "../components/layout";
import type { listCourses } from "../queries/courses";

type Data = Awaited<ReturnType<typeof listCourses>>;

export function CoursesPage(props: {
  ctx: PageContext;
  data: Data;
  q: string | undefined;
  offset: number;
}) {
  const csrf = props.ctx.csrf;
  const next = props.data.nextOffset;
  return (
    <Layout ctx={props.ctx} title="Courses" active="/admin/courses">
      <SearchForm action="/admin/courses" q={props.q} label="Title or slug starts with" />
      <table>
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Creator</th>
            <th scope="col" class="num">
              Price
            </th>
            <th scope="col" class="num">
              Enrollments
            </th>
            <th scope="col" class="num">
              Rating
            </th>
            <th scope="col">State</th>
            <th scope="col">Badge</th>
          </tr>
        </thead>
        <tbody>
          {props.data.items.map((c) => (
            <tr>
              <td>
                {c.title}
                <br />
                <small class="muted">{c.slug}</small>
              </td>
              <td>{c.creator}</td>
              <td class="num">{money(c.priceCents, c.currency)}</td>
              <td class="num">{count(c.enrollments)}</td>
              <td class="num">
                {c.rating === null ? "—" : Number(c.rating).toFixed(2)} ({count(c.ratingCount ?? 0)}
                )
              </td>
              <td>
                {c.state === "retired" ? (
                  // Retiring is final (actions.ts setCourseState): no form to undo it.
                  <span class="badge off">retired (final)</span>
                ) : (
                  <form method="post" action={`/admin/courses/${c.id}/state`} class="inline">
                    <CsrfField token={csrf} />
                    <label class="muted" for={`state-${c.id}`}>
                      {c.state}
                    </label>
                    <select id={`state-${c.id}`} name="state" aria-label={`State of ${c.title}`}>
                      {(["active", "inactive", "retired"] as const).map((s) => (
                        <option value={s} selected={s === c.state}>
                          {s === "active"
                            ? "Activate"
                            : s === "inactive"
                              ? "Deactivate"
                              : "Retire (final)"}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="secondary">
                      Apply
                    </button>
                  </form>
                )}
              </td>
              <td>
                <form method="post" action={`/admin/courses/${c.id}/badge`} class="inline">
                  <CsrfField token={csrf} />
                  <select name="badge" aria-label={`Badge of ${c.title}`}>
                    <option value="" selected={!c.badge}>
                      none
                    </option>
                    {COURSE_BADGES.map((b) => (
                      <option value={b} selected={b === c.badge}>
                        {b}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    Set
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        {props.offset > 0 ? (
          <a href={`/admin/courses?q=${encodeURIComponent(props.q ?? "")}`}>First page</a>
        ) : null}
        {next !== null ? (
          <a
            href={`/admin/courses?q=${encodeURIComponent(props.q ?? "")}&offset=${next}`}
            rel="next"
          >
            Next page
          </a>
        ) : (
          <span>End of list</span>
        )}
      </nav>
    </Layout>
  );
}
