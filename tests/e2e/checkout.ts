/**
 * Paying for a course in the browser on a fresh machine (the local payment provider): the
 * course page's Enroll → choose a Student-Teacher → the local checkout page → Pay → the return page
 * shows the enrollment once it has synced; cancelling inside the window refunds it (the
 * offer shows the server's deadline). Cancelling on the checkout page brings the learner
 * back to a final "nothing was charged" that stops polling. Offline, Enroll says checkout
 * needs a connection.
 * Also the teacher's earnings and the employer's sponsored learners screens.
 */
import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { type Db, queryRows } from "../../sync-server/db/database";
import { type AxeFinding, axe, check, screenshot, signIn, waitSynced } from "./support";

/** Ravi is not enrolled in it, and Marcus is one of its certified Student-Teachers. */
const COURSE = "intro-to-claude-code";
const OTHER_COURSE = "ai-for-healthcare-data";

export async function checkoutFlow(browser: Browser, base: string, db: Db) {
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, base, "ravi@peerloop.demo");
  await waitSynced(page);

  await page.goto(`${base}/courses/${COURSE}`);
  await page.getByRole("button", { name: /^Enroll/ }).click();
  await page.getByRole("group", { name: "Choose your teacher" }).waitFor();
  const choices = await page.getByRole("radio").count();
  check(choices >= 2, "the teacher list offers the creator and the Student-Teachers");
  await page.getByRole("radio", { name: /Marcus/ }).check();
  // The refund window comes from the server (REFUND_WINDOW_DAYS, 14 in the demo).
  await page.getByText(/Full refund until .+ \(14 days after payment\)/).waitFor();
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
  const [bought] = await queryRows<{ teacher: string; amount: number; splits: number }>(
    db,
    sql`select t.handle as teacher, x.amount_cents as amount,
               (select count(*) from payment_splits s where s.transaction_id = x.id)::int as splits
        from enrollments e join users u on u.id = e.student_id join courses c on c.id = e.course_id
        join users t on t.id = e.student_teacher_id join transactions x on x.enrollment_id = e.id
        where u.handle = 'ravi' and c.slug = ${COURSE}`,
  );
  check(
    bought?.teacher === "marcus" && bought.amount === 14900 && bought.splits === 3,
    `ravi's enrollment with Marcus, paid 149.00 in 3 splits: ${JSON.stringify(bought)}`,
  );

  // Inside the refund window the learner may cancel for a full refund (local provider); the
  // offer names the server's deadline.
  const enrollmentId = page.url().split("/").at(-1) ?? "";
  const offered = await page.evaluate(async (id) => {
    const token = JSON.parse(localStorage.getItem("peerloop.session") ?? "{}").token;
    const r = await fetch(`/api/enrollments/${id}/refund`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const info = (await r.json()) as { deadline: string };
    return new Date(info.deadline).toLocaleString(undefined, {
      dateStyle: "medium",
      timeStyle: "short",
    });
  }, enrollmentId);
  const note = (await page.locator("#refund-note").textContent()) ?? "";
  check(note.includes(`Possible until ${offered}`), `the refund offer names ${offered}: ${note}`);
  await page.getByRole("button", { name: "Cancel and get a full refund" }).click();
  findings.push(...(await axe(page, "refund-offer")));
  await page.getByRole("button", { name: "Yes, cancel and refund" }).click();
  await page.getByText("Your refund is on its way").waitFor();
  const [after] = await queryRows<{ enrollment: string; payment: string }>(
    db,
    sql`select e.status::text as enrollment, x.status::text as payment
        from enrollments e join users u on u.id = e.student_id join courses c on c.id = e.course_id
        join transactions x on x.enrollment_id = e.id
        where u.handle = 'ravi' and c.slug = ${COURSE}`,
  );
  check(
    after?.enrollment === "cancelled" && after.payment === "refunded",
    `cancelled and refunded: ${JSON.stringify(after)}`,
  );

  // Leaving the checkout page with Cancel: a final answer, no more polling, a way back.
  await page.goto(`${base}/courses/${OTHER_COURSE}`);
  await page.getByRole("button", { name: /^Enroll/ }).click();
  await page.getByRole("button", { name: /Continue to payment/ }).click();
  await page.waitForURL(/\/pay\/local\/cs_local_/);
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.waitForURL(/\/checkout\/return\?checkout=.*cancelled=1/, { timeout: 15_000 });
  await page.getByText("Nothing was charged").waitFor();
  let polls = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/checkout/")) polls++;
  });
  await page.waitForTimeout(5_000);
  check(polls === 0, `the return page stopped polling on a final state (${polls} more polls)`);
  findings.push(...(await axe(page, "checkout-cancelled")));
  await screenshot(page, "checkout-cancelled");
  await page.getByRole("link", { name: "Back to the course" }).click();
  await page.waitForURL(new RegExp(`/courses/${OTHER_COURSE}$`));

  // Offline, the course page says checkout needs a connection.
  await page.goto(`${base}/courses/${OTHER_COURSE}`);
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
