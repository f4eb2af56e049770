/** Everything a course page shows, from a CourseView (either source). */
import type { ComponentChildren } from "preact";
import { bySession, type CourseView } from "../data/course-view";
import { BADGE_LABEL, LEVEL_LABEL, money, plural } from "../lib/format";

const TIERS: [string, string][] = [
  ["required", "Required"],
  ["nice_to_have", "Nice to have"],
  ["not_required", "Not required"],
];

function List({ items }: { items: string[] }) {
  return (
    <ul>
      {items.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}

export function CourseBody({
  course: c,
  actions,
}: {
  course: CourseView;
  actions: ComponentChildren;
}) {
  const facts: [string, string | null][] = [
    ["Level", LEVEL_LABEL[c.level] ?? c.level],
    ["Format", c.format],
    ["Duration", c.totalDuration ? `${c.duration} (${c.totalDuration})` : c.duration],
    ["Live sessions", c.sessionCount !== null ? String(c.sessionCount) : null],
    ["Modules", c.moduleCount !== null ? String(c.moduleCount) : null],
    ["Lessons", c.lessonCount !== null ? String(c.lessonCount) : null],
    ["Students", c.studentCount.toLocaleString()],
    ["Category", c.categoryName],
    ["Access", c.lifetimeAccess ? "Lifetime" : null],
  ];
  return (
    <>
      <header class="course-head">
        {c.badge ? <span class={`badge ${c.badge}`}>{BADGE_LABEL[c.badge]}</span> : null}
        <h1>{c.title}</h1>
        {c.tagline ? <p class="tagline">{c.tagline}</p> : null}
        {c.rating !== null ? (
          <p class="rating">
            ★ {c.rating.toFixed(2)} <span class="visually-hidden">out of 5</span> ·{" "}
            {plural(c.ratingCount ?? 0, "rating")}
          </p>
        ) : null}
        <p class="price big">{money(c.priceCents, c.currency)}</p>
        {actions}
      </header>

      <dl class="facts">
        {facts
          .filter((f): f is [string, string] => f[1] !== null)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>

      <section aria-labelledby="about">
        <h2 id="about">About this course</h2>
        <p class="prose">{c.description}</p>
      </section>
      {c.objectives.length ? (
        <section aria-labelledby="learn">
          <h2 id="learn">What you will learn</h2>
          <List items={c.objectives} />
        </section>
      ) : null}
      {c.includes.length ? (
        <section aria-labelledby="includes">
          <h2 id="includes">What is included</h2>
          <List items={c.includes} />
        </section>
      ) : null}
      {c.prerequisites.length ? (
        <section aria-labelledby="prereq">
          <h2 id="prereq">Prerequisites</h2>
          {TIERS.map(([tier, label]) => {
            const items = c.prerequisites.filter((p) => p.type === tier).map((p) => p.content);
            return items.length ? (
              <div key={tier} class={`tier ${tier}`}>
                <h3>{label}</h3>
                <List items={items} />
              </div>
            ) : null;
          })}
        </section>
      ) : null}
      {c.targetAudience.length ? (
        <section aria-labelledby="audience">
          <h2 id="audience">Who it is for</h2>
          <List items={c.targetAudience} />
        </section>
      ) : null}
      <section aria-labelledby="curriculum">
        <h2 id="curriculum">Curriculum</h2>
        {c.curriculum.length === 0 ? (
          <p class="muted">The outline is not on this device yet.</p>
        ) : null}
        {bySession(c.curriculum).map(([session, mods]) => (
          <div key={String(session)} class="session">
            <h3>{session !== null ? `Session ${session}` : "Modules"}</h3>
            <ol>
              {mods.map((m) => (
                <li key={m.id}>
                  <strong>{m.title}</strong> <span class="muted">({m.duration})</span>
                  <p>{m.description}</p>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>
      {c.features ? (
        <section aria-labelledby="features">
          <h2 id="features">The PeerLoop way</h2>
          <ul class="features">
            {c.features.oneOnOneTeaching ? (
              <li>
                <strong>1-on-1 teaching</strong>: live sessions with a teacher who took this course.
              </li>
            ) : null}
            {c.features.certifiedTeachers ? (
              <li>
                <strong>Certified teachers</strong>: every Student-Teacher is certified by the
                creator.
              </li>
            ) : null}
            {c.features.earnWhileTeaching ? (
              <li>
                <strong>Earn while teaching</strong>: finish the course, get certified, and teach
                newer students.
              </li>
            ) : null}
            <li>
              <strong>{c.features.teacherCommission}% commission</strong> to the Student-Teacher on
              each student they teach.
            </li>
          </ul>
          {c.teacherCount !== null ? (
            <p class="muted">{plural(c.teacherCount, "certified teacher")} available.</p>
          ) : null}
        </section>
      ) : null}
      {c.creator ? (
        <section aria-labelledby="creator" class="creator">
          <h2 id="creator">Your creator</h2>
          <p>
            <a href={`/people/${c.creator.id}`}>
              <strong>{c.creator.name}</strong>
            </a>{" "}
            <span class="muted">@{c.creator.handle}</span>
          </p>
          {c.creator.title ? <p>{c.creator.title}</p> : null}
          {c.creator.bioShort ? <p class="muted">{c.creator.bioShort}</p> : null}
        </section>
      ) : null}
      {c.testimonials.length ? (
        <section aria-labelledby="testimonials">
          <h2 id="testimonials">What students say</h2>
          {c.testimonials.map((t) => (
            <figure key={t.quote} class={t.isFeatured ? "featured" : ""}>
              <blockquote>{t.quote}</blockquote>
              <figcaption>
                {t.studentName}
                {t.studentRole ? `, ${t.studentRole}` : ""}
              </figcaption>
            </figure>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="certificate">
        <h2 id="certificate">Certificate</h2>
        <p>
          {c.hasCertificate
            ? `Finish the course to earn the ${c.certificateName ?? "certificate of completion"}, issued and signed by PeerLoop and verifiable online.`
            : "This course does not award a certificate."}
        </p>
      </section>
      {c.tags.length ? (
        <ul class="tags" aria-label="Tags">
          {c.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
