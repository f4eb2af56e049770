/**
 * Short-lived per-process cache for the dashboard's whole-table aggregates (overview figures,
 * splits by state), which scan millions of rows on a big platform. The page says how old the
 * figures are and offers "Refresh" (`?fresh=1`); every admin action clears the cache of its
 * process, so an admin sees the effect of their own action at once.
 */
import type { Db } from "../../db/database";

export const AGGREGATE_MAX_AGE_MS = 30_000;

const caches = new WeakMap<Db, Map<string, { at: Date; value: unknown }>>();

export async function cached<T>(
  db: Db,
  key: string,
  fresh: boolean,
  compute: () => Promise<T>,
): Promise<{ value: T; at: Date }> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (!fresh && hit && Date.now() - hit.at.getTime() < AGGREGATE_MAX_AGE_MS) {
    return { value: hit.value as T, at: hit.at };
  }
  const at = new Date();
  const value = await compute();
  cache.set(key, { at, value });
  return { value, at };
}

export function clearAggregates(db: Db): void {
  caches.get(db)?.clear();
}
