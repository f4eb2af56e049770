/**
 * Catalog contract on the seeded demo world. Expected results are computed from world.ts and
 * from the samples in docs/seed-schema.md, never copied from the implementation.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COURSE_BADGES, COURSE_LEVELS } from "../../shared/domain/enums";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { demoCourseRatings } from "../../sync-server/demo/teaching-plan";
import * as w from "../../sync-server/demo/world";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const published = w.demoCourses.filter((c) => c.isActive && !c.isRetired);
const FLAGSHIP = "intro-to-claude-code";
const flagship = w.demoCourses.find((c) => c.slug === FLAGSHIP) as w.DemoCourse;
/** The server's title order: lower case, in code-point order (the same on any collation). */
const byCodepoint = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};
const slugs = (list: w.DemoCourse[]) => list.map((c) => c.slug);
const sorted = (list: w.DemoCourse[], cmp: (a: w.DemoCourse, b: w.DemoCourse) => number) =>
  slugs([...list].sort((a, b) => cmp(a, b) || byCodepoint(a.title, b.title)));
/** Published courses passing `pred`, in title order. */
const titled = (pred: (c: w.DemoCourse) => boolean) => sorted(published.filter(pred), () => 0);
/** Course ratings follow the demo's session ratings (the teaching plan), not world.ts. */
const ratings = demoCourseRatings();
const rating = (c: w.DemoCourse) => ratings.get(c.slug)?.rating ?? null;
const students = (slug: string) =>
  w.demoEnrollments.filter((e) => e.course === slug && e.status !== "cancelled").length;
const matches = (c: w.DemoCourse, term: string) =>
  [c.title, c.tagline ?? "", c.description, ...c.tags].some((s) =>
    s.toLowerCase().includes(term.toLowerCase()),
  );

// --- the samples of docs/seed-schema.md ------------------------------------------------
const doc = readFileSync(new URL("../../docs/seed-schema.md", import.meta.url), "utf8");
function docSection(entity: string): string[] {
  const lines = doc.split("\n");
  const start = lines.indexOf(`### ${entity}`);
  const end = lines.findIndex((l, i) => i > start && /^##/.test(l));
  return lines.slice(start + 1, end);
}
const quoted = (line: string) => [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
const bullets = (entity: string) => docSection(entity).filter((l) => l.startsWith("- "));
const docPrerequisites = bullets("course_prerequisites").flatMap((l) => {
  const type = l.match(/\*\*(\w+):\*\*/)?.[1];
  return quoted(l).map((content) => ({ type, content }));
});
const docAudience = bullets("course_target_audience").flatMap(quoted);
const docTestimonials = bullets("course_testimonials").map((l) => {
  const m = l.match(/^- "(.+)" - (\w+), (.+)$/);
  return { quote: m?.[1], studentName: m?.[2], studentRole: m?.[3] };
});
const docIncludes = (
  docSection("course_includes")
    .find((l) => l.startsWith("**Sample items"))
    ?.replace(/^\*\*[^*]+\*\*/, "") ?? ""
)
  .split(",")
  .map((s) => s.trim());
const docExample = (entity: string, field: string) =>
  quoted(docSection(entity).find((l) => new RegExp(`^\\|\\s*${field}\\s*\\|`).test(l)) ?? "")[0];

describe.each(databaseKinds())("catalog on %s", (kind) => {
  let t: TestApp;
  const list = async (query = "") => {
    const res = await t.call("GET", `/api/courses${query ? `?${query}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { courses: { slug: string; [k: string]: unknown }[]; total: number };
  };
  const listSlugs = async (query: string) =>
    (await list(`${query}&limit=100`)).courses.map((c) => c.slug);

  beforeAll(async () => {
    t = await createTestApp(kind);
    const seeded = await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    expect(seeded.created).toBe(true);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists the 15 categories in display order", async () => {
    const res = await t.call("GET", "/api/categories");
    expect(res.status).toBe(200);
    const expected = [...w.demoCategories].sort((a, b) => a.displayOrder - b.displayOrder);
    expect(expected).toHaveLength(15);
    expect(
      res.body.categories.map((c: { slug: string; name: string }) => [c.slug, c.name]),
    ).toEqual(expected.map((c) => [c.slug, c.name]));
  });

  it("lists only published courses, most popular first, with their card data", async () => {
    const page = await list();
    expect(page.total).toBe(published.length);
    expect(published.length).toBeLessThan(w.demoCourses.length); // a draft and a retired one exist
    expect(page.courses.map((c) => c.slug)).toEqual(
      sorted(published, (a, b) => students(b.slug) - students(a.slug)),
    );
    for (const card of page.courses) {
      const c = w.demoCourses.find((x) => x.slug === card.slug) as w.DemoCourse;
      expect(card).toMatchObject({
        title: c.title,
        level: c.level,
        priceCents: c.priceCents,
        currency: c.currency,
        rating: rating(c),
        ratingCount: ratings.get(c.slug)?.count,
        badge: c.badge ?? null,
        studentCount: students(c.slug),
        category: { slug: c.category },
        creator: { handle: c.creator },
      });
    }
  });

  it.each(COURSE_LEVELS)("filters by level=%s", async (level) => {
    expect(await listSlugs(`level=${level}&sort=title`)).toEqual(titled((c) => c.level === level));
  });

  it("filters by every category and badge", async () => {
    for (const cat of w.demoCategories) {
      const page = await list(`category=${cat.slug}&sort=title&limit=100`);
      const expected = titled((c) => c.category === cat.slug);
      expect([cat.slug, page.courses.map((c) => c.slug), page.total]).toEqual([
        cat.slug,
        expected,
        expected.length,
      ]);
    }
    for (const badge of COURSE_BADGES) {
      expect(await listSlugs(`badge=${badge}&sort=title`)).toEqual(
        titled((c) => c.badge === badge),
      );
    }
  });

  it("filters by price range and by duration", async () => {
    const prices = published.map((c) => c.priceCents).sort((a, b) => a - b);
    const lo = prices[2] as number;
    const hi = prices[prices.length - 3] as number;
    const inRange = (min: number, max: number) =>
      titled((c) => c.priceCents >= min && c.priceCents <= max);
    expect(await listSlugs(`minPriceCents=${lo}&sort=title`)).toEqual(inRange(lo, Infinity));
    expect(await listSlugs(`maxPriceCents=${hi}&sort=title`)).toEqual(inRange(0, hi));
    expect(await listSlugs(`minPriceCents=${lo}&maxPriceCents=${hi}&sort=title`)).toEqual(
      inRange(lo, hi),
    );
    expect(await listSlugs(`minPriceCents=${hi + 1}&maxPriceCents=${lo - 1}`)).toEqual([]);
    expect(await listSlugs("maxWeeks=4&sort=title")).toEqual(
      titled((c) => c.durationWeeks !== undefined && c.durationWeeks <= 4),
    );
  });

  it("searches titles and tags, case-insensitively, with wildcards taken literally", async () => {
    const titleWord = "MACHINE";
    const expected = titled((c) => matches(c, titleWord));
    expect(expected.length).toBeGreaterThan(0);
    expect(await listSlugs(`q=${titleWord}&sort=title`)).toEqual(expected);

    // A tag that appears in no published course's title, tagline or description.
    const tagOnly = published
      .flatMap((c) => c.tags)
      .find((tag) =>
        published.every((c) =>
          [c.title, c.tagline ?? "", c.description].every(
            (s) => !s.toLowerCase().includes(tag.toLowerCase()),
          ),
        ),
      );
    expect(tagOnly).toBeDefined();
    const term = tagOnly as string;
    expect(await listSlugs(`q=${encodeURIComponent(term)}&sort=title`)).toEqual(
      titled((c) => matches(c, term)),
    );

    for (const wild of ["%", "_", "\\"]) {
      expect(await listSlugs(`q=${encodeURIComponent(wild)}`)).toEqual(
        slugs(published.filter((c) => matches(c, wild))),
      );
    }
  });

  it("sorts by price, rating and title; newest by creation time", async () => {
    expect(await listSlugs("sort=price_asc")).toEqual(
      sorted(published, (a, b) => a.priceCents - b.priceCents),
    );
    expect(await listSlugs("sort=price_desc")).toEqual(
      sorted(published, (a, b) => b.priceCents - a.priceCents),
    );
    expect(await listSlugs("sort=rating")).toEqual(
      sorted(published, (a, b) => (rating(b) ?? -1) - (rating(a) ?? -1)),
    );
    expect(await listSlugs("sort=title")).toEqual(titled(() => true));
    const newest = (await list("sort=newest&limit=100")).courses.map((c) =>
      Date.parse(String(c.createdAt)),
    );
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
  });

  it("paginates with limit and offset without overlap or gaps", async () => {
    const all = await listSlugs("sort=price_asc");
    const pages: string[] = [];
    for (let offset = 0; offset < all.length + 4; offset += 4) {
      const page = await list(`sort=price_asc&limit=4&offset=${offset}`);
      expect(page.total).toBe(all.length);
      expect(page.courses.length).toBe(Math.max(0, Math.min(4, all.length - offset)));
      pages.push(...page.courses.map((c) => c.slug));
    }
    expect(pages).toEqual(all);
  });

  it("shows the flagship course with every part of the seed's sample", async () => {
    const res = await t.call("GET", `/api/courses/${FLAGSHIP}`);
    expect(res.status).toBe(200);
    const c = res.body.course;
    expect(c.tagline).toBe(flagship.tagline);
    expect(c.tagline).toMatch(
      new RegExp(`^${docExample("courses", "tagline")?.replace(/\.+$/, "")}`),
    );
    expect(c.format).toBe(docExample("courses", "format"));
    expect(c.sessionCount).toBe(flagship.sessionCount);
    expect(c.prerequisites).toEqual(docPrerequisites);
    expect(docPrerequisites).toHaveLength(5);
    expect(c.targetAudience).toEqual(docAudience);
    expect(docAudience).toHaveLength(4);
    const byQuote = (a: { quote?: string }, b: { quote?: string }) =>
      byCodepoint(a.quote ?? "", b.quote ?? "");
    expect(
      c.testimonials
        .map((x: { quote: string; studentName: string; studentRole: string }) => ({
          quote: x.quote,
          studentName: x.studentName,
          studentRole: x.studentRole,
        }))
        .sort(byQuote),
    ).toEqual([...docTestimonials].sort(byQuote));
    expect(docTestimonials).toHaveLength(2);
    expect(c.includes).toEqual(docIncludes);
    expect(docIncludes).toHaveLength(6);
    expect(c.objectives).toEqual(flagship.objectives);
    expect(c.tags).toEqual([...flagship.tags].sort(byCodepoint));

    type Module = { moduleOrder: number; sessionNumber: number | null; title: string };
    expect(c.curriculum.map((m: Module) => [m.moduleOrder, m.sessionNumber, m.title])).toEqual(
      flagship.modules.map((m) => [m.order, m.sessionNumber ?? null, m.title]),
    );
    expect(new Set(c.curriculum.map((m: Module) => m.sessionNumber))).toEqual(new Set([1, 2]));
    expect(c.features).toEqual({
      oneOnOneTeaching: true,
      certifiedTeachers: true,
      earnWhileTeaching: true,
      teacherCommission: flagship.teacherCommission,
    });
    expect(c.features.teacherCommission).toBe(70);

    const creator = w.demoUsers.find((u) => u.handle === flagship.creator) as w.DemoUser;
    expect(c.creatorProfile).toMatchObject({
      name: creator.name,
      handle: creator.handle,
      title: creator.title,
      bioShort: creator.bioShort,
    });
    expect(c.creator.handle).toBe(creator.handle);
    const activeTeachers = w.demoStudentTeachers.filter(
      (st) => st.course === FLAGSHIP && st.isActive,
    ).length;
    expect(c.teacherCount).toBe(activeTeachers);
    expect(activeTeachers).toBeLessThan(
      w.demoStudentTeachers.filter((st) => st.course === FLAGSHIP).length,
    );
  });

  it("answers 404 not_found for an unknown slug and for unpublished courses", async () => {
    const hidden = w.demoCourses.filter((c) => !c.isActive || c.isRetired);
    expect(hidden.some((c) => !c.isRetired)).toBe(true); // a draft
    expect(hidden.some((c) => c.isRetired)).toBe(true);
    for (const slug of ["no-such-course", ...slugs(hidden)]) {
      const res = await t.call("GET", `/api/courses/${slug}`);
      expect([slug, res.status, res.body.error?.code]).toEqual([slug, 404, "not_found"]);
    }
  });

  it.each([
    "level=expert",
    "limit=0",
    "limit=abc",
    "limit=101",
    "sort=nope",
    "offset=-1",
    "minPriceCents=-5",
    "badge=cheap",
  ])("refuses %s with 400 validation_failed", async (query) => {
    const res = await t.call("GET", `/api/courses?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.length).toBeGreaterThan(0);
  });
});
