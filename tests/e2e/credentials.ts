/**
 * Credentials in the browser: a learner's certificates are on her device and still there
 * offline after a reload; the public verification page says valid; the creator approves
 * the pending Student-Teacher application from the Teaching screen and the server records
 * the certification.
 */
import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { reassignFlow } from "./reassign";
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
const rows = (r: unknown) =>
  ((r as { rows?: unknown[] }).rows ?? (r as unknown[])) as Record<string, unknown>[];

export async function credentialsFlow(browser: Browser, base: string, db: Db) {
  const findings: AxeFinding[] = [];
  const learner = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await learner.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await signIn(page, base, "sarah@peerloop.demo");
  await waitSynced(page);
  await waitControlled(page);
  await page.goto(`${base}/certificates`);
  await page.getByRole("heading", { level: 1, name: "Your certificates" }).waitFor();
  const item = page.locator("ul.certificates li").filter({ hasText: "Intro to Claude Code" });
  await item.first().waitFor();
  findings.push(...(await axe(page, "certificates")));
  await screenshot(page, "certificates");

  await learner.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Your certificates" }).waitFor();
  await item.first().waitFor();
  await screenshot(page, "certificates-offline");
  await learner.setOffline(false);

  await item.first().getByRole("link", { name: "Verification page" }).click();
  await page.getByText("Valid certificate").waitFor();
  findings.push(...(await axe(page, "verify")));
  await screenshot(page, "verify");
  await learner.close();

  const creator = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const cpage = await creator.newPage();
  await signIn(cpage, base, "gabriel@peerloop.demo");
  await waitSynced(cpage);
  await cpage.goto(`${base}/teaching`);
  await cpage.getByRole("heading", { name: "Applications to teach your courses" }).waitFor();
  findings.push(...(await axe(cpage, "teaching-applications")));
  await screenshot(cpage, "teaching-applications");
  await cpage.getByRole("button", { name: /^Approve Sarah/ }).click();
  await cpage.getByRole("heading", { name: "Applications to teach your courses" }).waitFor({
    state: "detached",
  });
  const certified = rows(
    await db.execute(
      sql`select st.is_active from student_teachers st join users u on u.id = st.user_id
          join courses c on c.id = st.course_id
          where u.handle = 'sarah' and c.slug = 'intro-to-claude-code'`,
    ),
  );
  check(certified.length === 1, "approving in the PWA certifies Sarah on the server");
  await creator.close();
  findings.push(...(await reassignFlow(browser, base, db)).findings);
  return { findings };
}
