/** @jsxImportSource hono/jsx */
/** The page frame: skip link, navigation (by role), flash message, main content. */
import type { Child } from "hono/jsx";
import type { SessionUser } from "../../auth/sessions";
import { CSRF_FIELD } from "../csrf";

export interface PageContext {
  user: SessionUser;
  csrf: string;
  flash?: { kind: "ok" | "error"; text: string } | undefined;
}

const NAV: { href: string; label: string; moderator?: boolean }[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "Users", moderator: true },
  { href: "/admin/courses", label: "Courses" },
  { href: "/admin/money", label: "Money" },
  { href: "/admin/certificates", label: "Certificates" },
  { href: "/admin/outbox", label: "Email outbox" },
  { href: "/admin/sync", label: "Sync health" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/flags", label: "Flags", moderator: true },
];

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  active: string;
  children: Child;
}) {
  const { user, flash } = props.ctx;
  const nav = NAV.filter((n) => user.isAdmin || n.moderator);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · PeerLoop admin`}</title>
        <link rel="stylesheet" href="/admin/admin.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <span class="brand">PeerLoop admin</span>
          <nav aria-label="Admin sections">
            <ul>
              {nav.map((n) => (
                <li>
                  <a href={n.href} aria-current={n.href === props.active ? "page" : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form method="post" action="/admin/sign-out" class="signout">
            <CsrfField token={props.ctx.csrf} />
            <span>
              {user.name} ({user.isAdmin ? "admin" : "moderator"})
            </span>
            <button type="submit">Sign out</button>
          </form>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {flash ? (
            <p class={`flash ${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
              {flash.text}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A bare page (sign-in, forbidden) without navigation. */
export function BarePage(props: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · PeerLoop admin`}</title>
        <link rel="stylesheet" href="/admin/admin.css" />
      </head>
      <body>
        <main id="main" class="bare">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/**
 * "Next page" link keeping the other query parameters. `cursorParam` names this list's cursor
 * (a page with several lists gives each its own); `label` names the navigation landmark.
 */
export function Pager(props: {
  base: string;
  params: Record<string, string | undefined>;
  next: string | null;
  cursorParam?: string;
  label?: string;
  hash?: string;
}) {
  const key = props.cursorParam ?? "cursor";
  const qs = (extra: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...props.params, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return `${s ? `${props.base}?${s}` : props.base}${props.hash ? `#${props.hash}` : ""}`;
  };
  const hasCursor = Boolean(props.params[key]);
  return (
    <nav class="pager" aria-label={props.label ?? "Pages"}>
      {hasCursor ? <a href={qs({ [key]: "" })}>First page</a> : null}
      {props.next ? (
        <a href={qs({ [key]: props.next })} rel="next">
          Next page
        </a>
      ) : (
        <span>End of list</span>
      )}
    </nav>
  );
}

/** A GET search form; `name` is the query parameter (several lists on one page differ). */
export function SearchForm(props: {
  action: string;
  q: string | undefined;
  label: string;
  name?: string;
  children?: Child;
}) {
  const name = props.name ?? "q";
  return (
    <form method="get" action={props.action} class="search">
      <label for={name}>{props.label}</label>
      <input id={name} name={name} type="search" value={props.q ?? ""} maxlength={100} />
      {props.children}
      <button type="submit">Search</button>
    </form>
  );
}

/** A search form's "any / one of these" choice; `name` is its query parameter. */
export function StatusFilter(props: {
  name: string;
  label: string;
  options: readonly string[];
  selected: string | undefined;
  /** How an option reads, when not as its value. */
  optionLabel?: (value: string) => string;
}) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        <option value="">any</option>
        {props.options.map((s) => (
          <option value={s} selected={s === props.selected}>
            {props.optionLabel ? props.optionLabel(s) : s}
          </option>
        ))}
      </select>
    </>
  );
}

export function Stat(props: { label: string; value: string; note?: string | undefined }) {
  return (
    <div class="stat">
      <dt>{props.label}</dt>
      <dd>
        {props.value}
        {props.note ? <small>{props.note}</small> : null}
      </dd>
    </div>
  );
}
