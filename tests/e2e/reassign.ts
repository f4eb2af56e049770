/**
 * The creator reassigns a learner in the browser: Marcus has paused teaching Intro to Claude
 * Code, so Gabriel's Teaching screen lists Jordan under "Learners whose teacher paused"; on
 * Jordan's page the Teacher control says so, refuses offline, shows the server's refusal next
 * to the control, then moves Jordan to Sarah (certified earlier in the credentials flow). The
 * page shows Sarah once the enrollment syncs back, and Postgres has her as Jordan's teacher.
 */
import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { type AxeFinding, axe, check, screenshot, signIn, waitSynced } from "./support";

type Db = { execute: (q: ReturnType<typeof sql>) => Promise<unknown> };
const rows = (r: unknown) =>
  ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

const COURSE = "intro-to-claude-code";

/** Pausing is the Student-Teacher's own action (tested elsewhere); here it sets the stage. */
const setActive = (db: Db, handle: string, active: boolean) =>
  db.execute(
    sql`update student_teachers set is_active = ${active}
        where user_id = (select id from users where handle = ${handle})
          and course_id = (select id from courses where slug = ${COURSE})`,
  );

const jordansTeacher = async (db: Db) =>
  rows(
    await db.execute(
      sql`select t.handle from enrollments e join users s on s.id = e.student_id
          join courses c on c.id = e.course_id left join users t on t.id = e.student_teacher_id
          where s.handle = 'demo' and c.slug = ${COURSE} and e.status <> 'cancelled'`,
    ),
  )[0]?.handle;

export async function reassignFlow(browser: Browser, base: string, db: Db) {
  const findings: AxeFinding[] = [];
  check((await jordansTeacher(db)) === "marcus", "Jordan starts with Marcus as teacher");
  await setActive(db, "marcus", false);
  const [sarah] = rows(await db.execute(sql`select name from users where handle = 'sarah'`));
  const sarahName = String(sarah?.name);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  try {
    await signIn(page, base, "gabriel@peerloop.demo");
    await waitSynced(page);
    await page.goto(`${base}/teaching`);
    const paused = page.getByRole("region", { name: "Learners whose teacher paused" });
    await paused.getByRole("link", { name: "Jordan Avery" }).waitFor();
    check(
      (await page.locator("table.students .badge.paused").count()) > 0,
      "the learners table marks learners whose teacher paused",
    );
    findings.push(...(await axe(page, "teaching-paused")));
    await screenshot(page, "teaching-paused");

    await paused.getByRole("link", { name: "Jordan Avery" }).click();
    await page.getByRole("heading", { level: 2, name: "Teacher" }).waitFor();
    await page.getByText(/Taught by Marcus/).waitFor();
    await page.getByText("Teacher paused").waitFor();
    const select = page.getByLabel("Reassign to");
    await page
      .locator(`#reassign-to option:text-is("${sarahName}")`)
      .waitFor({ state: "attached" });
    const button = page.getByRole("button", { name: "Reassign", exact: true });

    await context.setOffline(true);
    await page.getByText("You are offline: reassigning needs a connection.").waitFor();
    await select.selectOption({ label: sarahName });
    check(await button.isDisabled(), "offline, the Reassign button is disabled");
    const relisted = page.waitForResponse((r) => r.url().includes("/teachers"));
    await context.setOffline(false);
    await relisted;
    await page.getByText("The course's active Student-Teachers, or you.").waitFor();

    // Sarah pauses between loading the list and the click: the server refuses, calmly.
    await setActive(db, "sarah", false);
    await button.click();
    await page
      .getByRole("alert")
      .getByText(/active Student-Teacher/)
      .waitFor();
    check((await jordansTeacher(db)) === "marcus", "a refused reassignment changes nothing");
    await setActive(db, "sarah", true);

    await button.click();
    await page.getByText(`Done: ${sarahName} now teaches this learner.`).waitFor();
    await page.getByText(`Taught by ${sarahName}.`).waitFor();
    check((await jordansTeacher(db)) === "sarah", "Postgres has Sarah as Jordan's teacher");
    findings.push(...(await axe(page, "reassigned")));
    await screenshot(page, "reassigned");

    const listed = page.waitForResponse((r) => r.url().endsWith("/api/teaching/paused-teachers"));
    await page.goto(`${base}/teaching`);
    await page.getByRole("heading", { level: 1, name: "Teaching" }).waitFor();
    await listed;
    await page.locator("table.students").first().waitFor();
    check(
      (await paused.getByRole("link", { name: "Jordan Avery" }).count()) === 0,
      "Jordan has left the list of learners whose teacher paused",
    );
  } finally {
    await setActive(db, "marcus", true);
    await context.close();
  }
  return { findings };
}
