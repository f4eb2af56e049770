/**
 * The learner's day: sign in, browse, open a course, lose the connection, reload (the
 * service worker serves the app), mark a module complete and send a message offline, come
 * back online, and find both in the server's database.
 */
import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import {
  type AxeFinding,
  axe,
  check,
  screenshot,
  signIn,
  waitControlled,
  waitSynced,
} from "./support";

type Db = { execute: (q: ReturnType<typeof sql>) => Promise<unknown> };

function rows(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Record<
    string,
    unknown
  >[];
}

export async function learnerOffline(browser: Browser, base: string, db: Db) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));

  await page.goto(`${base}/courses`);
  await page.getByRole("heading", { name: "Intro to Claude Code" }).waitFor();
  findings.push(...(await axe(page, "catalog")));
  await screenshot(page, "catalog");

  await signIn(page, base, "demo@peerloop.demo");
  await page.getByRole("heading", { level: 1, name: "My learning" }).waitFor();
  await page.locator("progress").first().waitFor();
  await waitSynced(page);
  await waitControlled(page);
  findings.push(...(await axe(page, "my-learning")));
  await screenshot(page, "my-learning");

  await page.goto(`${base}/courses/intro-to-claude-code`);
  await page.getByRole("heading", { level: 1, name: "Intro to Claude Code" }).waitFor();
  await page.getByRole("heading", { name: "Curriculum" }).waitFor();
  findings.push(...(await axe(page, "course")));
  await screenshot(page, "course");

  // Follow a course the learner is not enrolled in: the server records it.
  await page.goto(`${base}/courses/system-design-interviews`);
  const follow = page.getByRole("button", { name: "Follow" });
  await follow.click();
  await page.getByRole("button", { name: "Following", pressed: true }).waitFor();
  const follows = rows(
    await db.execute(
      sql`select 1 from course_follows f join courses c on c.id = f.course_id join users u on u.id = f.user_id
          where c.slug = 'system-design-interviews' and u.handle = 'demo' and f.deleted_at is null`,
    ),
  );
  check(follows.length === 1, `one live follow row, found ${follows.length}`);
  await page.goto(`${base}/courses/intro-to-claude-code`);
  await page.getByRole("heading", { level: 1, name: "Intro to Claude Code" }).waitFor();

  // --- offline -------------------------------------------------------------------------
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Intro to Claude Code" }).waitFor();
  await page.getByText("You are offline: this is the copy saved on this device.").waitFor();
  await page.locator(".sync", { hasText: "Offline" }).waitFor();
  await screenshot(page, "course-offline");

  await page.getByRole("link", { name: "Continue learning" }).click();
  await page.locator("ol.modules li").first().waitFor();
  const box = page.locator("ol.modules input[type=checkbox]:not(:checked)").first();
  const moduleLink = box.locator("xpath=..").getByRole("link");
  const moduleTitle = (await moduleLink.textContent()) ?? "";
  await moduleLink.click();
  await page.getByRole("heading", { level: 1, name: moduleTitle }).waitFor();
  await page.getByRole("button", { name: "Mark complete" }).click();
  await page.getByRole("button", { name: "✓ Completed" }).waitFor();
  await page.locator(".sync", { hasText: "1 change waiting to upload" }).waitFor();
  findings.push(...(await axe(page, "module")));
  await screenshot(page, "module-offline");
  const [, enrollmentId, moduleId] = new URL(page.url()).pathname.split("/").slice(1);

  await page.goto(`${base}/messages`).catch(() => {}); // offline: the service worker answers
  await page.getByRole("heading", { level: 1, name: "Messages" }).waitFor();
  findings.push(...(await axe(page, "messages")));
  await page.locator(".list a").first().click();
  const text = `Offline hello ${Date.now()}`;
  await page.getByRole("textbox", { name: "Your message" }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  await page.locator(".messages li", { hasText: text }).getByText("Pending").waitFor();
  findings.push(...(await axe(page, "thread")));
  await screenshot(page, "thread-offline");

  // --- back online ---------------------------------------------------------------------
  await context.setOffline(false);
  await page.locator(".messages li", { hasText: text }).getByText("Pending").waitFor({
    state: "detached",
    timeout: 30_000,
  });
  await waitSynced(page);

  const progress = rows(
    await db.execute(
      sql`select is_complete from module_progress where enrollment_id = ${enrollmentId} and module_id = ${moduleId}`,
    ),
  );
  check(
    progress[0]?.is_complete === true,
    `module_progress row is complete: ${JSON.stringify(progress)}`,
  );
  const sent = rows(await db.execute(sql`select id from messages where content = ${text}`));
  check(sent.length === 1, `the offline message is in the database once (${sent.length})`);

  for (const [path, name] of [
    ["/notifications", "notifications"],
    ["/profile", "profile"],
  ] as const) {
    await page.goto(`${base}${path}`);
    await page.locator("h1").waitFor();
    await page.waitForFunction(
      () => !document.querySelector("main [role=status]")?.textContent?.includes("Loading"),
    );
    findings.push(...(await axe(page, name)));
    await screenshot(page, name);
  }
  // Signing out deletes this device's copy of the learner's data.
  const userId = await page.evaluate(
    () =>
      (JSON.parse(localStorage.getItem("peerloop.session") ?? "{}") as { user?: { id?: string } })
        .user?.id ?? "",
  );
  check(userId, "a stored session");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${base}/sign-in`);
  await page.waitForFunction(
    async (id) => !(await indexedDB.databases()).some((d) => d.name?.includes(id)),
    userId,
    { timeout: 10_000 },
  );
  check(!(await page.evaluate(() => localStorage.getItem("peerloop.session"))), "session gone");
  await context.close();
  return { findings, moduleTitle };
}
