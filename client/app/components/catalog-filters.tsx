/** The catalog's search and filters. Selects apply at once; text fields on submit. */
import { useLocation } from "preact-iso";
import type { Category } from "../data/catalog-cache";

const SORTS: [string, string][] = [
  ["popular", "Most popular"],
  ["rating", "Highest rated"],
  ["newest", "Newest"],
  ["price_asc", "Price: low to high"],
  ["price_desc", "Price: high to low"],
  ["title", "Title A–Z"],
];
const BADGES: [string, string][] = [
  ["", "Any"],
  ["popular", "Popular"],
  ["new", "New"],
  ["bestseller", "Bestseller"],
  ["featured", "Featured"],
];

export function CatalogFilters(props: { query: Record<string, string>; categories: Category[] }) {
  const { route } = useLocation();
  const q = props.query;

  function apply(form: HTMLFormElement) {
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (typeof v === "string" && v.trim() !== "" && !(k === "sort" && v === "popular")) {
        p.set(k, v.trim());
      }
    }
    const s = p.toString();
    route(s ? `/courses?${s}` : "/courses", true);
  }
  const onSubmit = (e: Event) => {
    e.preventDefault();
    apply(e.currentTarget as HTMLFormElement);
  };
  const onChange = (e: Event) =>
    apply((e.currentTarget as HTMLSelectElement).form as HTMLFormElement);

  return (
    <form class="filters" aria-label="Find courses" onSubmit={onSubmit}>
      <div class="field grow">
        <label for="f-q">Search</label>
        <input id="f-q" name="q" type="search" defaultValue={q.q ?? ""} placeholder="e.g. Python" />
      </div>
      <div class="field">
        <label for="f-category">Category</label>
        <select id="f-category" name="category" value={q.category ?? ""} onChange={onChange}>
          <option value="">All</option>
          {props.categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-level">Level</label>
        <select id="f-level" name="level" value={q.level ?? ""} onChange={onChange}>
          <option value="">Any</option>
          <option value="beginner">Beginner</option>
          <option value="intermediate">Intermediate</option>
          <option value="advanced">Advanced</option>
        </select>
      </div>
      <div class="field">
        <label for="f-badge">Badge</label>
        <select id="f-badge" name="badge" value={q.badge ?? ""} onChange={onChange}>
          {BADGES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div class="field small">
        <label for="f-minPrice">Min price ($)</label>
        <input
          id="f-minPrice"
          name="minPrice"
          type="number"
          min="0"
          inputMode="decimal"
          defaultValue={q.minPrice ?? ""}
        />
      </div>
      <div class="field small">
        <label for="f-maxPrice">Max price ($)</label>
        <input
          id="f-maxPrice"
          name="maxPrice"
          type="number"
          min="0"
          inputMode="decimal"
          defaultValue={q.maxPrice ?? ""}
        />
      </div>
      <div class="field small">
        <label for="f-maxWeeks">Max weeks</label>
        <input
          id="f-maxWeeks"
          name="maxWeeks"
          type="number"
          min="1"
          inputMode="numeric"
          defaultValue={q.maxWeeks ?? ""}
        />
      </div>
      <div class="field">
        <label for="f-sort">Sort by</label>
        <select id="f-sort" name="sort" value={q.sort ?? "popular"} onChange={onChange}>
          {SORTS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary">
        Search
      </button>
    </form>
  );
}
