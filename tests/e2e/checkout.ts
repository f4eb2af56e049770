/**
 * Paying for a course in the browser on a fresh machine (the local payment provider): the
 * course page's Enroll → choose a teacher → the local checkout page → Pay → the return page
 * shows the enrollment once it has synced. Offline, Enroll says checkout needs a connection.
 * Also the teacher's earnings and the employer's sponsored learners screens.
 */
import type { Browser } from "playwright-core";
import { type AxeFinding, axe, check, screenshot, signIn, waitSynced } from "./support";

const COURSE = "ai-for-healthcare-data";

export async function checkoutFlow(browser: Browser, base: string) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, base, "ravi@peerloop.demo");
  await waitSynced(page);

  await page.goto(`${base}/courses/${COURSE}`);
  await page.getByRole("button", { name: /^Enroll/ }).click();
  await page.getByRole("group", { name: "Choose your teacher" }).waitFor();
  const choices = await page.getByRole("radio").count();
  check(choices >= 1, "the teacher list offers at least the creator");
  findings.push(...(await axe(page, "checkout-panel")));
  await screenshot(page, "checkout-panel");
  await page.getByRole("button", { name: /Continue to payment/ }).click();

  await page.waitForURL(/\/pay\/local\/cs_local_/);
  await page.getByRole("heading", { name: /Pay for/ }).waitFor();
  findings.push(...(await axe(page, "local-checkout")));
  await screenshot(page, "local-checkout");
  await page.getByRole("button", { name: "Pay" }).click();

  await page.waitForURL(/\/checkout\/return\?checkout=/, { timeout: 15_000 });
  await page.getByRole("link", { name: "Start learning" }).waitFor({ timeout: 30_000 });
  findings.push(...(await axe(page, "checkout-return")));
  await screenshot(page, "checkout-return");
  await page.getByRole("link", { name: "Start learning" }).click();
  await page.waitForURL(/\/learn\/[0-9a-f-]{36}$/);

  // Offline, the course page says checkout needs a connection.
  await page.goto(`${base}/courses/intro-to-claude-code`);
  await page.getByRole("button", { name: /^Enroll/ }).waitFor();
  await context.setOffline(true);
  await page.getByRole("button", { name: /^Enroll/ }).click();
  await page.getByText("Checkout needs a connection").waitFor();
  await screenshot(page, "checkout-offline");
  await context.setOffline(false);
  await context.close();

  const teacher = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tPage = await teacher.newPage();
  await signIn(tPage, base, "marcus@peerloop.demo");
  await tPage.goto(`${base}/earnings`);
  await tPage.getByText("Released, awaiting payout").waitFor();
  const paid = (await tPage.locator(".totals").textContent()) ?? "";
  check(/Paidout\$[1-9]/.test(paid.replace(/\s/g, "")), `earnings show a paid amount: ${paid}`);
  findings.push(...(await axe(tPage, "earnings")));
  await screenshot(tPage, "earnings");
  await teacher.close();

  const employer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const ePage = await employer.newPage();
  await signIn(ePage, base, "employer@peerloop.demo");
  await ePage.goto(`${base}/sponsorships`);
  await ePage.getByText(/Sarah/).first().waitFor();
  findings.push(...(await axe(ePage, "sponsorships")));
  await screenshot(ePage, "sponsorships");
  await employer.close();
  return { findings };
}
