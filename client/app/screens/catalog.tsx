/**
 * The course catalog: search and filters live in the URL (shareable, back button works).
 * Online it asks the server; offline it shows the last answers it saved, saying so.
 */

import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { CatalogFilters } from "../components/catalog-filters";
import { CourseCardView } from "../components/course-card";
import {
  type CatalogPage,
  type Category,
  recallCategories,
  recallPage,
  rememberCategories,
  rememberPage,
} from "../data/catalog-cache";
import { api, describeError, OfflineError } from "../lib/api";
import { ago, plural } from "../lib/format";

/** URL parameter → API parameter (prices are typed in whole units, sent in cents). */
export function toApiQuery(query: Record<string, string>): string {
  const p = new URLSearchParams();
  for (const k of ["q", "category", "level", "badge", "maxWeeks", "sort"]) {
    const v = query[k]?.trim();
    if (v) p.set(k, v);
  }
  for (const [k, api] of [
    ["minPrice", "minPriceCents"],
    ["maxPrice", "maxPriceCents"],
  ] as const) {
    const v = Number(query[k]);
    if (query[k] && Number.isFinite(v) && v >= 0) p.set(api, String(Math.round(v * 100)));
  }
  p.set("limit", "48");
  return p.toString();
}

type View =
  | { kind: "loading" }
  | { kind: "live"; page: CatalogPage }
  | { kind: "saved"; page: CatalogPage; at: string; exact: boolean }
  | { kind: "failed"; message: string };

export function Catalog() {
  const { query } = useLocation();
  const apiQuery = toApiQuery(query);
  const [view, setView] = useState<View>({ kind: "loading" });
  const [categories, setCategories] = useState<Category[]>(recallCategories);

  useEffect(() => {
    api<{ categories: Category[] }>("/api/categories").then(
      (r) => {
        setCategories(r.categories);
        rememberCategories(r.categories);
      },
      () => {}, // offline: the saved list is shown
    );
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    setView((v) => (v.kind === "live" ? v : { kind: "loading" }));
    api<CatalogPage>(`/api/courses?${apiQuery}`, { signal: abort.signal }).then(
      (page) => {
        rememberPage(apiQuery, page);
        setView({ kind: "live", page });
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        const saved = err instanceof OfflineError ? recallPage(apiQuery) : null;
        if (saved) setView({ kind: "saved", page: saved.page, at: saved.at, exact: saved.exact });
        else setView({ kind: "failed", message: describeError(err) });
      },
    );
    return () => abort.abort();
  }, [apiQuery]);

  return (
    <section>
      <h1>Courses</h1>
      <CatalogFilters query={query} categories={categories} />
      {view.kind === "saved" ? (
        <p class="notice" role="status">
          You are offline.{" "}
          {view.exact
            ? `These are the results of this search saved ${ago(view.at)}.`
            : `These are the courses from your last search (${ago(view.at)}); filters apply when you are back online.`}
        </p>
      ) : null}
      {view.kind === "failed" ? (
        <p class="error" role="alert">
          {view.message}
        </p>
      ) : null}
      {view.kind === "loading" ? <p role="status">Loading courses…</p> : null}
      {view.kind === "live" || view.kind === "saved" ? (
        <>
          <p role="status" class="muted">
            {plural(view.page.total, "course")}
          </p>
          <ul class="cards">
            {view.page.courses.map((c) => (
              <li key={c.id}>
                <CourseCardView course={c} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
