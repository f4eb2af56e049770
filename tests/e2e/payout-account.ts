/**
 * End to end: a Student-Teacher without a payout account (Mei, whose demo account is
 * removed here) sees "Set up payouts" on Earnings; offline it says it needs a connection;
 * back online, one click on the local provider makes the account ready in Postgres.
 */
import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { type Db, queryRows } from "../../sync-server/db/database";
import { type AxeFinding, axe, check, screenshot, signIn } from "./support";

const EMAIL = "mei@peerloop.demo";

export async function payoutAccountFlow(browser: Browser, base: string, db: Db) {
  await db.execute(
    sql`delete from payment_accounts where user_id = (select id from users where email = ${EMAIL})`,
  );
  const findings: AxeFinding[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, base, EMAIL);
  await page.goto(`${base}/earnings`);
  const setUp = page.getByRole("button", { name: "Set up payouts" });
  await setUp.waitFor();

  await context.setOffline(true);
  await page.getByText("Setting up payouts needs a connection").waitFor();
  check((await setUp.count()) === 0, "offline, there is no set-up button");
  await screenshot(page, "payout-account-offline");
  await context.setOffline(false);

  await setUp.click();
  await page.getByText(/^Payouts ready/).waitFor();
  findings.push(...(await axe(page, "earnings-payouts-ready")));
  await screenshot(page, "payout-account-ready");
  const [row] = await queryRows<{ account: string }>(
    db,
    sql`select a.stripe_account_id as account from payment_accounts a
        join users u on u.id = a.user_id where u.email = ${EMAIL}`,
  );
  check(/^acct_local_/.test(row?.account ?? ""), `a local payout account: ${row?.account}`);
  await context.close();
  return { findings, account: row?.account ?? "" };
}
