/**
 * Per-person serialization of scheduling decisions. Every decision that can create or move
 * a session takes a transaction-scoped advisory lock on each participant (in a fixed
 * order, so two decisions never deadlock) and only then reads who is busy: two requests
 * for one teacher's time are decided one after the other, the second seeing the first's
 * session (READ COMMITTED takes a fresh snapshot per statement).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/database";

export async function lockPeople(tx: Db, userIds: string[]): Promise<void> {
  const keys = [...new Set(userIds)].sort().map((id) => `schedule:${id}`);
  for (const k of keys)
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${k}, 0))`);
}

/** Serializes rating and completion of one session. */
export async function lockSession(tx: Db, sessionId: string): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`session:${sessionId}`}, 0))`,
  );
}
