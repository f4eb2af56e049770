/**
 * Sessions in the PWA, learner Jordan and teacher Marcus (Intro to Claude Code, 2 sessions):
 * - the learner books with another teacher: open times in their own zone, a pick, the
 *   request shown as waiting and then confirmed, the session listed with a join link;
 * - no sessions left: Book is disabled, saying why; a free cancellation (with a reason)
 *   gives one back, a late one (a session seeded 2 h ahead) counts it as used;
 * - the teacher sees both cancellations with who, why and whether they counted, starts a
 *   session from 15 minutes before (in progress: Join stays, no Cancel or Move) and
 *   completes, with a recording link, one whose time is over (seeded through SQL) — which
 *   the learner saw as waiting for the teacher, and then rates;
 * - the teacher edits an availability slot offline (until midnight); it reaches Postgres.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { type AxeFinding, axe, check, screenshot, signIn, waitSynced } from "./support";

const H = 3_600_000;
const INTRO = "Intro to Claude Code";
const SLOW = { timeout: 20_000 };
const rows = (r: unknown) =>
  ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

export async function learnerBooks(browser: Browser, base: string, db: Db) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await signIn(page, base, "demo@peerloop.demo");
  await waitSynced(page);
  await page.goto(`${base}/sessions`);
  await page.getByRole("heading", { level: 1, name: "Sessions" }).waitFor();
  await page.getByRole("heading", { level: 2, name: "Book a session" }).waitFor();
  const upcomingBefore = await page.locator("#upcoming + ul > li").count();
  await page.getByRole("button", { name: "Choose a time", disabled: false }).first().click();
  const time = page.locator(".open-times button").first();
  await time.waitFor();
  findings.push(...(await axe(page, "sessions-book")));
  await screenshot(page, "sessions-book");
  await time.click();
  await page.getByRole("heading", { level: 2, name: "Your requests" }).waitFor();
  await page.locator("li", { hasText: "Booking for" }).getByText("confirmed").first().waitFor(SLOW);
  await page.locator("#upcoming + ul > li").nth(upcomingBefore).waitFor(SLOW);
  const join = page.getByRole("link", { name: "Join" }).first();
  const href = (await join.getAttribute("href")) ?? "";
  if (!/^https:\/\/meet\.jit\.si\/PeerLoop-/.test(href))
    throw new Error(`unexpected join link ${href}`);
  findings.push(...(await axe(page, "sessions")));
  await screenshot(page, "sessions");

  const lifecycle = await sessionsLifecycle(browser, base, db, page);
  await context.close();
  return { findings: [...findings, ...lifecycle.findings], upcoming: upcomingBefore + 1 };
}

/** The Intro row of "Book a session". */
const introRow = (page: Page) => page.locator("#book + ul > li", { hasText: INTRO });
const card = (page: Page, id: string) => page.locator(`li.session[aria-labelledby="s-${id}"]`);

async function jordanAndMarcus(db: Db) {
  const [row] = await db
    .select({ enrollmentId: s.enrollments.id, studentId: s.enrollments.studentId })
    .from(s.enrollments)
    .innerJoin(s.courses, eq(s.courses.id, s.enrollments.courseId))
    .innerJoin(s.users, eq(s.users.id, s.enrollments.studentId))
    .where(and(eq(s.users.handle, "demo"), eq(s.courses.slug, "intro-to-claude-code")));
  const [marcus] = await db.select().from(s.users).where(eq(s.users.handle, "marcus"));
  check(row && marcus, "Jordan's Intro enrollment and Marcus");
  return { ...row, teacherId: marcus.id };
}

/** A session straight into Postgres (times the booking rules would refuse: past, soon). */
async function seedSession(
  db: Db,
  who: { enrollmentId: string; studentId: string; teacherId: string },
  startMs: number,
) {
  const id = uuidv7();
  await db.insert(s.sessions).values({
    id,
    enrollmentId: who.enrollmentId,
    teacherId: who.teacherId,
    studentId: who.studentId,
    scheduledStart: new Date(startMs),
    scheduledEnd: new Date(startMs + H),
    status: "scheduled",
    bbbMeetingUrl: `https://meet.jit.si/PeerLoop-${id.replaceAll("-", "")}`,
  });
  return id;
}

async function cancelWithReason(page: Page, id: string, reason: string) {
  const c = card(page, id);
  await c.getByRole("button", { name: "Cancel", exact: true }).click();
  const form = c.getByRole("form", { name: "Cancel this session" });
  const notice = (await form.locator(".notice").textContent()) ?? "";
  await form.getByLabel(/^Reason/).fill(reason);
  await form.getByRole("button", { name: "Cancel session" }).click();
  await c.getByText(`Cancelled by you: “${reason}”`).waitFor(SLOW);
  return notice;
}

async function sessionsLifecycle(browser: Browser, base: string, db: Db, page: Page) {
  const findings: AxeFinding[] = [];
  const who = await jordanAndMarcus(db);
  const row = introRow(page);

  // All 2 sessions used (one completed, one booked): Book is disabled, with the reason.
  await row.getByText("0 of 2 sessions left").waitFor();
  const book = row.getByRole("button", { name: "Choose a time" });
  check(await book.isDisabled(), "Book is disabled with no sessions left");
  await row.getByText(/No sessions left: all 2 sessions/).waitFor();

  // A free cancellation, days ahead, with a reason: one session back.
  const [booked] = await db
    .select({ id: s.sessions.id })
    .from(s.sessions)
    .where(and(eq(s.sessions.enrollmentId, who.enrollmentId), eq(s.sessions.status, "scheduled")));
  check(booked, "Jordan's booked Intro session");
  const freeNotice = await cancelWithReason(page, booked.id, "Moving house that week");
  check(/Cancelling is free until /.test(freeNotice), `free cancel notice: ${freeNotice}`);
  await card(page, booked.id).getByText("Did not count against your sessions.").waitFor();
  await row.getByText("1 of 2 sessions left").waitFor(SLOW);
  check(await book.isEnabled(), "Book is enabled again");

  // A session 2 hours ahead (inside the 12 h): cancelling it counts it as used.
  const late = await seedSession(db, who, Date.now() + 2 * H);
  await card(page, late).waitFor(SLOW);
  await row.getByText("0 of 2 sessions left").waitFor(SLOW);
  const lateNotice = await cancelWithReason(page, late, "Train strike");
  check(/Free cancellation ended .*counts this session as used/.test(lateNotice), lateNotice);
  await card(page, late).getByText("Counted as one of your sessions.").waitFor(SLOW);
  await row.getByText("0 of 2 sessions left").waitFor();
  check(await book.isDisabled(), "still no sessions left after a late cancellation");
  const [stored] = await db.select().from(s.sessions).where(eq(s.sessions.id, late));
  check(
    stored?.countsAsUsed && stored.cancelReason === "Train strike",
    "Postgres: counted, reason",
  );
  findings.push(...(await axe(page, "sessions-cancelled")));
  await screenshot(page, "sessions-cancelled");

  // A session starting in 10 minutes, and one whose time is over.
  const soon = await seedSession(db, who, Date.now() + 10 * 60_000);
  const over = await seedSession(db, who, Date.now() - 2 * H);
  await card(page, over).getByText("Waiting for the teacher to complete").waitFor(SLOW);
  check(
    (await card(page, over).getByRole("button").count()) === 0,
    "the learner has nothing to do on a session whose time is over",
  );

  findings.push(...(await teacherDay(browser, base, db, { late, booked: booked.id, soon, over })));

  // Completed: the learner rates it (a request, decided by the server).
  const done = card(page, over);
  await done.getByRole("link", { name: "Recording" }).waitFor(SLOW);
  await done.getByRole("button", { name: "Rate Marcus Bell" }).click();
  await done.getByLabel("5", { exact: true }).check();
  await done.getByLabel("Comment (optional)").fill("Clear and patient.");
  await done.getByRole("button", { name: "Send rating" }).click();
  await done.getByText("You rated Marcus Bell 5/5: “Clear and patient.”").waitFor(SLOW);
  findings.push(...(await axe(page, "sessions-rated")));
  return { findings };
}

async function teacherDay(
  browser: Browser,
  base: string,
  db: Db,
  ids: { late: string; booked: string; soon: string; over: string },
) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await signIn(page, base, "marcus@peerloop.demo");
  await waitSynced(page);
  await page.goto(`${base}/sessions`);
  await page.getByRole("heading", { level: 1, name: "Sessions" }).waitFor();

  // The learner's cancellations, with their reasons and whether they counted.
  const cancelled = page.locator("#cancelled + ul");
  await card(page, ids.late)
    .getByText("Cancelled by Jordan Avery: “Train strike”. Counted as used by the learner.")
    .waitFor(SLOW);
  await cancelled
    .locator(`li[aria-labelledby="s-${ids.booked}"]`)
    .getByText(
      "Cancelled by Jordan Avery: “Moving house that week”. Not counted against the learner.",
    )
    .waitFor();

  // Start: from 15 minutes before; in progress keeps Join, offers no Cancel or Move.
  const soon = card(page, ids.soon);
  await soon.getByRole("button", { name: "Start" }).click();
  await soon.getByText("In progress").first().waitFor(SLOW);
  await soon.getByRole("link", { name: "Join" }).waitFor();
  check(
    (await soon.getByRole("button", { name: /^(Cancel|Move)$/ }).count()) === 0,
    "no Cancel or Move on a session in progress",
  );
  const joinable = await page.evaluate(
    async (id) => (await fetch(`/api/sessions/${id}/join`)).status,
    ids.soon,
  );
  check(joinable === 200, `the join link of a session in progress answers ${joinable}`);

  // The session whose time is over: Needs completing, then completed with a recording.
  const over = card(page, ids.over);
  await over.getByText("Needs completing").waitFor();
  findings.push(...(await axe(page, "sessions-teacher")));
  await screenshot(page, "sessions-teacher");
  await over.getByRole("button", { name: "Mark completed" }).click();
  await over.getByLabel("Recording link (optional)").fill("https://example.org/recording/42");
  await over.getByRole("button", { name: "Completed", exact: true }).click();
  await page
    .locator(`#past ~ ul li[aria-labelledby="s-${ids.over}"]`)
    .getByRole("link", { name: "Recording" })
    .waitFor(SLOW);
  const [completed] = await db.select().from(s.sessions).where(eq(s.sessions.id, ids.over));
  check(completed?.status === "completed", "Postgres: completed");
  check(completed.recordingUrl === "https://example.org/recording/42", "Postgres: recording");

  // A long history: the latest ten (and any still to rate), the rest on request.
  const listed = () => page.locator("#past ~ ul > li").count();
  const shown = await listed();
  await page.getByRole("button", { name: /^Show all \d+ completed sessions$/ }).click();
  const all = await listed();
  check(all > shown, `Show all lists every completed session (${shown} → ${all})`);

  findings.push(...(await editSlotOffline(context, page, db)));
  await context.close();
  return findings;
}

/** Saturday 10:00–13:00 becomes 09:00 until midnight, offline; then it syncs. */
async function editSlotOffline(
  context: Awaited<ReturnType<Browser["newContext"]>>,
  page: Page,
  db: Db,
) {
  const findings: AxeFinding[] = [];
  const slotOf = async () =>
    rows(
      await db.execute(
        sql`select a.id, a.start_time, a.end_time from availability a join users u on u.id = a.user_id
            where u.handle = 'marcus' and a.day_of_week = 6 and a.deleted_at is null`,
      ),
    ) as { id: string; start_time: string; end_time: string }[];
  const [before] = await slotOf();
  check(before?.start_time === "10:00:00", "Marcus's Saturday slot starts at 10:00");
  await context.setOffline(true);
  await page.getByRole("button", { name: "Edit Saturday 10:00–13:00" }).click();
  const form = page.getByRole("form", { name: "Edit Saturday 10:00–13:00" });
  await form.getByLabel("From").fill("09:00");
  await form.getByLabel("Until midnight (24:00)").check();
  findings.push(...(await axe(page, "availability-edit")));
  await form.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("Saved: Saturday 09:00–24:00.").waitFor();
  await page.locator(".slots li", { hasText: "Saturday 09:00–24:00" }).waitFor();
  await screenshot(page, "availability-edited-offline");
  await context.setOffline(false);
  await waitSynced(page);
  const deadline = Date.now() + 20_000;
  let after = await slotOf();
  while (after[0]?.end_time !== "23:59:59" && Date.now() < deadline) {
    await page.waitForTimeout(200);
    after = await slotOf();
  }
  check(after.length === 1 && after[0]?.id === before.id, "the same slot, edited");
  check(after[0]?.start_time === "09:00:00", `Postgres start ${after[0]?.start_time}`);
  check(after[0]?.end_time === "23:59:59", `Postgres end ${after[0]?.end_time}`);
  // Put the demo slot back for the flows that follow.
  await db.execute(
    sql`update availability set start_time = '10:00:00', end_time = '13:00:00', updated_at = now()
        where id = ${before.id}`,
  );
  return findings;
}
