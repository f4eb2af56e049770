/**
 * Tombstones are kept SYNC_TOMBSTONE_DAYS (longer than RxDB keeps its own: 31 days), then
 * their feed rows are deleted. The purge horizon remembers the newest position removed: a
 * device whose checkpoint is behind it may have missed a deletion, so its next pull answers
 * 410 resync_required and it starts again from scratch.
 */
import { lt, sql } from "drizzle-orm";
import type { Cursor } from "../../shared/sync/protocol";
import { type Db, queryRows } from "../db/database";
import { syncScopeSets, syncState } from "../db/schema";
import { PURGE_HORIZON_KEY } from "./pull";

export async function purgeTombstones(
  db: Db,
  retentionDays: number,
  now = new Date(),
): Promise<{ purged: number }> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ x: string; p: number }>(
      tx as unknown as Db,
      sql`DELETE FROM sync_changes WHERE (removed OR deleted) AND changed_at < ${before.toISOString()}::timestamptz
          RETURNING xid::text AS x, position::float8 AS p`,
    );
    if (rows.length === 0) return { purged: 0 };
    const newest = rows.reduce((a, b) =>
      BigInt(b.x) > BigInt(a.x) || (b.x === a.x && b.p > a.p) ? b : a,
    );
    const horizon: Cursor = { x: newest.x, p: newest.p };
    // The horizon only moves forward.
    await tx
      .insert(syncState)
      .values({ key: PURGE_HORIZON_KEY, value: horizon })
      .onConflictDoUpdate({
        target: syncState.key,
        set: {
          value: sql`CASE WHEN (${syncState.value}->>'x')::numeric > ${horizon.x}::numeric
                       OR ((${syncState.value}->>'x')::numeric = ${horizon.x}::numeric AND (${syncState.value}->>'p')::numeric > ${horizon.p})
                     THEN ${syncState.value} ELSE excluded.value END`,
          updatedAt: now,
        },
      });
    await tx.delete(syncScopeSets).where(lt(syncScopeSets.lastUsedAt, before));
    return { purged: rows.length };
  });
}
