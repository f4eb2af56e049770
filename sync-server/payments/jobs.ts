/**
 * The money job: releases escrow that has come due, expires abandoned local checkouts,
 * sends refunds still owed (refunds-owed.ts), and finishes payouts a crash left
 * `processing` (payout-recovery.ts).
 */
import type { Config } from "../config";
import type { Db } from "../db/database";
import type { Logger } from "../log";
import { runReleaseJob } from "./escrow";
import { recoverStuckPayouts } from "./payout-recovery";
import { retryRefundsOwed } from "./refunds-owed";

const RELEASE_INTERVAL_MS = 15 * 60_000;

/** One run: each part on its own, so one failing does not stop the others. */
export async function runMoneyJob(
  db: Db,
  config: Config,
  log: Logger,
  now = new Date(),
): Promise<void> {
  await runReleaseJob(db, config.REFUND_WINDOW_DAYS, now)
    .then(({ enrollments }) => enrollments && log.info("released escrow", { enrollments }))
    .catch((err) => log.warn("escrow release failed", { err }));
  await retryRefundsOwed({ db, config, log }, now)
    .then((r) => (r.refunded || r.failed) && log.info("owed refunds", r))
    .catch((err) => log.warn("owed refunds failed", { err }));
  await recoverStuckPayouts({ db, config, log }, now)
    .then((r) => (r.recovered || r.leftForHand) && log.info("stuck payouts", r))
    .catch((err) => log.warn("payout recovery failed", { err }));
}

/** Runs now and every 15 minutes; returns a function that stops it (and waits for a run under way). */
export function scheduleMoneyJobs(db: Db, config: Config, log: Logger): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const run = () => {
    if (running) return; // a slow run is not overlapped by the next tick
    running = runMoneyJob(db, config, log).finally(() => {
      running = undefined;
    });
  };
  run();
  const timer = setInterval(run, RELEASE_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
