/**
 * The admin's busy morning in Debian's Chromium: sign in through /admin, look at every
 * page (a screenshot of each in test-artifacts/admin/, axe on each), follow the attention
 * panel to a refund Stripe keeps refusing, approve a payout and revoke a certificate, and
 * find both outcomes in the database and in the audit log.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { money } from "../../sync-server/admin/components/format";
import { overdueRefunds } from "../../sync-server/admin/queries/refunds-owed";
import type { Db } from "../../sync-server/db/database";
import { queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { listPayoutQueue, UNPAID_RELEASE } from "../../sync-server/payments/payouts";
import { owedRefund } from "../admin/refunds-seed";
import { ARTIFACTS, type AxeFinding, axe, check, DEMO_PASSWORD } from "./support";

const DIR = join(ARTIFACTS, "admin");

async function shot(page: Page, name: string, findings: AxeFinding[]) {
  mkdirSync(DIR, { recursive: true });
  findings.push(...(await axe(page, `admin-${name}`)));
  await page.screenshot({ path: join(DIR, `${name}.png`), fullPage: true });
}

export async function adminMorning(browser: Browser, base: string, db: Db) {
  const findings: AxeFinding[] = [];
  // The demo world owes Lena released money and has issued certificates.
  const [lena] = await db.select().from(s.users).where(eq(s.users.email, "lena@peerloop.demo"));
  const [learner] = await db.select().from(s.users).where(eq(s.users.email, "demo@peerloop.demo"));
  const [admin] = await db.select().from(s.users).where(eq(s.users.email, "admin@peerloop.demo"));
  check(lena && learner && admin, "demo accounts exist");
  const owed = (await listPayoutQueue(db)).find((r) => r.recipientId === lena.id);
  check(owed && owed.releasedUnpaidCents > 0, "the demo world owes Lena released money");
  const total = owed.releasedUnpaidCents;
  const splitIds = (
    await queryRows<{ id: string }>(
      db,
      sql`select distinct s.id from split_releases r join payment_splits s on s.id = r.split_id
           where s.recipient_id = ${lena.id} and ${UNPAID_RELEASE}`,
    )
  ).map((r) => r.id);
  const [live] = await db
    .select({ id: s.certificates.id, holder: s.users })
    .from(s.certificates)
    .innerJoin(s.users, eq(s.users.id, s.certificates.userId))
    .where(sql`${s.certificates.revokedAt} is null`)
    .limit(1);
  check(live, "the demo world has a live certificate");
  const certId = live.id;
  // A refund the server owes that Stripe has refused three times since two hours ago.
  const [course] = await db.select().from(s.courses).limit(1);
  check(course, "the demo world has a course");
  const refund = await owedRefund(db, {
    learnerId: learner.id,
    courseId: course.id,
    teacherId: course.creatorId,
    amountCents: 4999,
    attempts: 3,
    lastError: "Refunds are unavailable (e2e).",
    createdAt: new Date(Date.now() - 2 * 3_600_000),
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/admin`);
  await page.waitForURL(/\/admin\/sign-in/);
  await shot(page, "sign-in", findings);
  await page.getByLabel("Email").fill("admin@peerloop.demo");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/admin`);
  await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
  check((await page.locator("svg[role=img]").count()) === 3, "the overview draws three charts");
  // What needs the admin now comes first: Lena is waiting for her payout.
  await page.getByRole("heading", { level: 2, name: "Needs attention" }).waitFor();
  check(
    (await page
      .locator('[data-attention="pending_payouts"] a[href="/admin/money#queue"]')
      .count()) === 1,
    "the attention panel points at the payout queue",
  );
  await shot(page, "overview", findings);

  // The refund Stripe keeps refusing is on the panel (fresh figures), and its link opens it.
  await page.goto(`${base}/admin?fresh=1`);
  const owedLink = page.locator('[data-attention="refunds_owed"] a');
  await owedLink.waitFor();
  const owedTotals = await overdueRefunds(db);
  const linkText = (await owedLink.textContent()) ?? "";
  check(
    owedTotals.length > 0 && owedTotals.every((t) => linkText.includes(money(t.cents, t.currency))),
    `the attention panel totals the refunds owed: ${linkText}`,
  );
  await owedLink.click();
  await page.getByRole("heading", { level: 2, name: "Refunds owed" }).waitFor();
  const owedRow = page.locator(`[data-refund-owed="${refund.id}"]`);
  await owedRow.waitFor();
  const owedText = (await owedRow.textContent()) ?? "";
  check(
    owedText.includes("Refunds are unavailable (e2e).") && owedText.includes("owed, failed"),
    `the refunds owed list shows Stripe's error: ${owedText}`,
  );
  await shot(page, "refunds-owed", findings);

  await page.getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Name, email or handle starts with").fill("demo@");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: learner.name }).click();
  await page.getByRole("heading", { level: 1, name: learner.name }).waitFor();
  await shot(page, "user", findings);
  await page.goto(`${base}/admin/users`);
  await shot(page, "users", findings);

  await page.getByRole("link", { name: "Courses" }).click();
  await page.getByRole("heading", { level: 1, name: "Courses" }).waitFor();
  await shot(page, "courses", findings);

  // Approve Lena's payout.
  await page.getByRole("link", { name: "Money" }).click();
  const approve = page.getByRole("button", { name: `Approve payout to ${lena.name}` });
  await approve.waitFor();
  await shot(page, "money", findings);
  await approve.click();
  const paid = page.locator(".flash");
  await paid.waitFor();
  const outcome = (await paid.textContent()) ?? "";
  const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  check(
    outcome.includes(`Payout of ${usd.format(total / 100)}`),
    `payout outcome shown: ${outcome}`,
  );
  const splits = await db
    .select()
    .from(s.paymentSplits)
    .where(sql`${s.paymentSplits.id} in ${splitIds}`);
  const [payout] = await db.select().from(s.payouts).where(eq(s.payouts.recipientId, lena.id));
  check(payout?.amountCents === total, "a payouts row for the released total");
  // A split only part released (an enrollment still in progress, some sessions completed)
  // stays pending once its released part is paid; a wholly released one is then paid.
  const releasedOf = async (splitId: string) =>
    Number(
      (
        await queryRows<{ cents: number }>(
          db,
          sql`select coalesce(sum(amount_cents), 0)::int as cents from split_releases where split_id = ${splitId}`,
        )
      )[0]?.cents ?? 0,
    );
  const whole = new Map<string, boolean>();
  for (const x of splits) whole.set(x.id, (await releasedOf(x.id)) === x.amountCents);
  check(
    outcome.includes("paid")
      ? splits.every((x) =>
          whole.get(x.id)
            ? x.status === "paid" && x.payoutId === payout?.id
            : x.status === "pending",
        )
      : splits.every((x) => x.status === (whole.get(x.id) ? "released" : "pending")),
    "the splits follow the payout's outcome",
  );
  await shot(page, "money-after-approve", findings);

  // Revoke the certificate.
  await page.getByRole("link", { name: "Certificates" }).click();
  await page.getByLabel(/Certificate id/).fill(certId);
  await page.getByRole("button", { name: "Search" }).click();
  await shot(page, "certificates", findings);
  await page.getByRole("link", { name: live.holder.name }).first().click();
  await page.getByLabel(/Reason for revoking/).fill("Issued by mistake (e2e)");
  await shot(page, "certificate", findings);
  await page.getByRole("button", { name: "Revoke certificate" }).click();
  await page.locator(".flash", { hasText: "Certificate revoked." }).waitFor();
  const [cert] = await db.select().from(s.certificates).where(eq(s.certificates.id, certId));
  check(cert?.revokedAt && cert.revokedBy === admin.id, "the certificate is revoked by the admin");
  await shot(page, "certificate-revoked", findings);

  for (const [name, label] of [
    ["outbox", "Email outbox"],
    ["sync", "Sync health"],
    ["flags", "Flags"],
  ] as const) {
    await page.getByRole("link", { name: label, exact: true }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await shot(page, name, findings);
  }
  await page.getByRole("link", { name: "Audit log" }).click();
  const rows = page.getByRole("row");
  await rows.filter({ hasText: "certificate.revoke" }).first().waitFor();
  check(
    (await rows.filter({ hasText: "payout.approve" }).count()) >= 1,
    "the audit log shows the payout",
  );
  await shot(page, "audit", findings);
  await context.close();
  return { findings, outcome, screens: 15 };
}
