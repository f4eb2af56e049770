import type { CourseCard } from "../../../shared/api/catalog";
import { BADGE_LABEL, LEVEL_LABEL, money } from "../lib/format";

export function CourseCardView({ course: c }: { course: CourseCard }) {
  return (
    <article class="card">
      {c.badge ? <span class={`badge ${c.badge}`}>{BADGE_LABEL[c.badge]}</span> : null}
      <h2>
        <a href={`/courses/${c.slug}`}>{c.title}</a>
      </h2>
      {c.tagline ? <p>{c.tagline}</p> : null}
      <p class="meta">
        {LEVEL_LABEL[c.level]} · {c.duration} · {c.category.name}
      </p>
      <p class="meta">
        <span>by {c.creator.name}</span>
        {c.rating !== null ? (
          <span>
            {" · "}★ {c.rating.toFixed(1)}
            <span class="visually-hidden"> out of 5</span> ({c.ratingCount ?? 0})
          </span>
        ) : null}
      </p>
      <p class="price">{money(c.priceCents, c.currency)}</p>
    </article>
  );
}
