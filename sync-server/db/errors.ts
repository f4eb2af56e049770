/** Recognizes Postgres errors the same way on node-postgres and PGlite (drizzle wraps both). */
interface PgErrorLike {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

function pgError(err: unknown): PgErrorLike | undefined {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const candidate = e as PgErrorLike;
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code))
      return candidate;
    e = candidate.cause;
  }
  return undefined;
}

/** The violated unique constraint's name, or undefined if `err` is not a unique violation. */
export function uniqueViolation(err: unknown): string | undefined {
  const pg = pgError(err);
  return pg?.code === "23505" ? (pg.constraint ?? "") : undefined;
}

/**
 * True for SQLSTATE class 22, "data exception": Postgres refused a value as input (a malformed
 * uuid or timestamp, a NUL byte in text, a number out of range). Routes validate what they
 * read, so reaching this means a check was missed; the value came from the request, though,
 * and the caller deserves a 400, not a 500.
 */
export function dataException(err: unknown): boolean {
  return pgError(err)?.code?.startsWith("22") ?? false;
}
