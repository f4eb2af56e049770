/** The money job: releases escrow that has come due and expires abandoned local checkouts. */
import type { Config } from "../config";
import type { Db } from "../db/database";
import type { Logger } from "../log";
import { runReleaseJob } from "./escrow";

const RELEASE_INTERVAL_MS = 15 * 60_000;

/** Runs now and every 15 minutes; returns a function that stops it (and waits for a run under way). */
export function scheduleMoneyJobs(db: Db, config: Config, log: Logger): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const run = () => {
    if (running) return; // a slow run is not overlapped by the next tick
    running = runReleaseJob(db, config.REFUND_WINDOW_DAYS)
      .then(({ enrollments }) => enrollments && log.info("released escrow", { enrollments }))
      .catch((err) => log.warn("escrow release failed", { err }))
      .finally(() => {
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
