/**
 * The teacher's device: after a sync it shows the learner's progress (including the
 * completion made offline by the learner's device), and still does with no network.
 */
import type { Browser } from "playwright-core";
import { type AxeFinding, axe, screenshot, signIn, waitControlled, waitSynced } from "./support";

export async function teacherOffline(browser: Browser, base: string) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, base, "marcus@peerloop.demo");
  await waitSynced(page);
  await waitControlled(page);
  await page.goto(`${base}/teaching`);
  await page.getByRole("heading", { level: 1, name: "Teaching" }).waitFor();
  const row = page.getByRole("row").filter({ hasText: "Jordan Avery" }).first();
  await row.waitFor();
  const before = (await row.textContent()) ?? "";
  findings.push(...(await axe(page, "teaching")));
  await screenshot(page, "teaching");

  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Teaching" }).waitFor();
  const offlineRow = page.getByRole("row").filter({ hasText: "Jordan Avery" }).first();
  await offlineRow.waitFor();
  const after = (await offlineRow.textContent()) ?? "";
  if (before !== after) throw new Error(`teacher view changed offline: ${before} → ${after}`);
  await offlineRow.getByRole("link").click();
  await page.locator("ol.modules li").first().waitFor();
  findings.push(...(await axe(page, "student-progress")));
  await screenshot(page, "student-progress-offline");
  await context.close();
  return { findings, row: after };
}
