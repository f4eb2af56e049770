/**
 * Scope sets named by a hash, so checkpoints stay small. The hash covers the user id, so a
 * checkpoint can only ever name a set of its own user: a forged or borrowed one is unknown.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { syncScopeSets } from "../db/schema";

export function scopeSetHash(userId: string, scopes: Iterable<string>): string {
  const h = createHash("sha256").update(userId);
  for (const s of [...scopes].sort()) h.update(`\n${s}`);
  return h.digest("base64url").slice(0, 32);
}

export async function saveScopeSet(
  db: Db,
  userId: string,
  scopes: Iterable<string>,
): Promise<string> {
  const list = [...scopes].sort();
  const hash = scopeSetHash(userId, list);
  await db
    .insert(syncScopeSets)
    .values({ hash, scopes: list })
    .onConflictDoUpdate({ target: syncScopeSets.hash, set: { lastUsedAt: new Date() } });
  return hash;
}

const TOUCH_AFTER_MS = 86_400_000;

/**
 * The scopes of a hash this user saved, or null when unknown (purged, or not theirs).
 * Sets in use are touched (at most daily) so the purge of unused sets spares them.
 */
export async function loadScopeSet(db: Db, userId: string, hash: string): Promise<string[] | null> {
  const [row] = await db.select().from(syncScopeSets).where(eq(syncScopeSets.hash, hash)).limit(1);
  // Re-derive: a hash only counts if it is this user's hash of exactly these scopes.
  if (!row || scopeSetHash(userId, row.scopes) !== hash) return null;
  if (Date.now() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
    await db
      .update(syncScopeSets)
      .set({ lastUsedAt: new Date() })
      .where(eq(syncScopeSets.hash, hash));
  }
  return row.scopes;
}
