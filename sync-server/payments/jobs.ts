/**
 * The money job: releases escrow that has come due, expires abandoned local checkouts, and
 * finishes payouts a crash left `processing` (payout-recovery.ts).
 */
import type { Config } from "../config";
import type { Db } from "../db/database";
import type { Logger } from "../log";
import { runReleaseJob } from "./escrow";
import { recoverStuckPayouts } from "./payout-recovery";

const RELEASE_INTERVAL_MS = 15 * 60_000;

/** One run: each part on its own, so one failing does not stop the other. */
export async function runMoneyJob(db: Db, config: Config, log: Logger): Promise<void> {
  await runReleaseJob(db, config.REFUND_WINDOW_DAYS)
    .then(({ enrollments }) => enrollments && log.info("released escrow", { enrollments }))
    .catch((err) => log.warn("escrow release failed", { err }));
  await recoverStuckPayouts({ db, config, log })
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
