/**
 * Login attempts are counted in the database (not in memory), so the limit holds across
 * restarts and across several server instances. Failures are counted per email and, more
 * loosely, per client address, within a sliding window.
 */
import { and, count, eq, gt } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { authLoginAttempts } from "../db/schema";
import { ApiError } from "../http/errors";

const IP_FACTOR = 4;

export async function assertLoginAllowed(
  db: Db,
  config: Config,
  email: string,
  ip: string | undefined,
) {
  const since = new Date(Date.now() - config.LOGIN_WINDOW_MINUTES * 60_000);
  const failures = async (cond: ReturnType<typeof eq>) => {
    const [row] = await db
      .select({ n: count() })
      .from(authLoginAttempts)
      .where(
        and(cond, eq(authLoginAttempts.succeeded, false), gt(authLoginAttempts.attemptedAt, since)),
      );
    return row?.n ?? 0;
  };
  const tooMany =
    (await failures(eq(authLoginAttempts.email, email))) >= config.LOGIN_MAX_FAILURES ||
    (ip !== undefined &&
      (await failures(eq(authLoginAttempts.ip, ip))) >= config.LOGIN_MAX_FAILURES * IP_FACTOR);
  if (tooMany) {
    const retryAfter = String(config.LOGIN_WINDOW_MINUTES * 60);
    throw new ApiError(
      429,
      "too_many_attempts",
      "Too many failed sign-ins. Try again later.",
      undefined,
      {
        "Retry-After": retryAfter,
      },
    );
  }
}

export async function recordLoginAttempt(
  db: Db,
  email: string,
  ip: string | undefined,
  succeeded: boolean,
) {
  await db.insert(authLoginAttempts).values({ id: uuidv7(), email, ip: ip ?? null, succeeded });
}
