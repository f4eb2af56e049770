/**
 * The learner books a session in the PWA: open times in their own zone, a pick, the request
 * shown as waiting and then confirmed by the server; the session listed with a join link.
 */
import type { Browser } from "playwright-core";
import { type AxeFinding, axe, screenshot, signIn, waitSynced } from "./support";

export async function learnerBooks(browser: Browser, base: string) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
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
  await page
    .locator("li", { hasText: "Booking for" })
    .getByText("confirmed")
    .first()
    .waitFor({ timeout: 20_000 });
  await page.locator("#upcoming + ul > li").nth(upcomingBefore).waitFor({ timeout: 20_000 });
  const join = page.getByRole("link", { name: "Join" }).first();
  const href = (await join.getAttribute("href")) ?? "";
  if (!/^https:\/\/meet\.jit\.si\/PeerLoop-/.test(href))
    throw new Error(`unexpected join link ${href}`);
  findings.push(...(await axe(page, "sessions")));
  await screenshot(page, "sessions");
  await context.close();
  return { findings, upcoming: upcomingBefore + 1 };
}
