/**
 * Reads of the change index (sync_changes). Every read serves only rows whose transaction
 * is older than the oldest one still running (`xid < xmin` of the statement's snapshot):
 * a transaction that took its positions early but commits late is therefore never skipped
 * by a cursor that moved past it. Rows are ordered by (xid, position).
 */
import { sql } from "drizzle-orm";
import type { Cursor } from "../../shared/sync/protocol";
import { type Db, queryRows } from "../db/database";

export interface FeedRow {
  docId: string;
  x: string;
  p: number;
  /** The document left this row's scope (it may still be in another). */
  removed: boolean;
}

const textArray = (values: string[]) =>
  sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[]`;
const uuidArray = (values: string[]) => sql`${`{${values.join(",")}}`}::uuid[]`;

/**
 * Feed rows after `after` in any of `scopes`, in (xid, position) order, at most `limit`.
 * No DISTINCT here: a plain ORDER BY … LIMIT lets Postgres keep only the top rows instead
 * of sorting every row after the cursor; the rare document present in two of the scopes
 * is de-duplicated by the caller.
 */
export async function changesAfter(
  db: Db,
  collection: string,
  scopes: string[],
  after: Cursor,
  limit: number,
): Promise<FeedRow[]> {
  if (scopes.length === 0) return [];
  return queryRows<FeedRow>(
    db,
    sql`SELECT doc_id AS "docId", xid::text AS x, position::float8 AS p, removed
        FROM sync_changes
        WHERE collection = ${collection} AND scope = ANY(${textArray(scopes)})
          AND (xid, position) > (${after.x}::xid8, ${after.p}::bigint)
          AND xid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY xid, position
        LIMIT ${limit}`,
  );
}

/**
 * The next `docs` distinct documents after `after`: rows in order, de-duplicated, fetched
 * again when duplicates left the batch short — a short batch tells RxDB it is caught up.
 * Returns the rows consumed (a prefix of the feed) and whether the feed is exhausted.
 */
export async function nextDocuments(
  db: Db,
  collection: string,
  scopes: string[],
  after: Cursor,
  docs: number,
): Promise<{ rows: FeedRow[]; exhausted: boolean }> {
  const consumed: FeedRow[] = [];
  const seen = new Set<string>();
  let cursor = after;
  for (;;) {
    const want = docs - seen.size;
    const rows = await changesAfter(db, collection, scopes, cursor, want);
    for (const r of rows) {
      consumed.push(r);
      seen.add(r.docId);
      if (seen.size === docs) return { rows: consumed, exhausted: false };
    }
    const last = rows.at(-1);
    if (!last || rows.length < want) return { rows: consumed, exhausted: true };
    cursor = { x: last.x, p: last.p };
  }
}

/** Of `docIds`, those still granted by one of `scopes` (present there and not departed). */
export async function visibleDocs(
  db: Db,
  collection: string,
  docIds: string[],
  scopes: string[],
): Promise<Set<string>> {
  if (docIds.length === 0 || scopes.length === 0) return new Set();
  const rows = await queryRows<{ docId: string }>(
    db,
    sql`SELECT DISTINCT doc_id AS "docId" FROM sync_changes
        WHERE collection = ${collection} AND doc_id = ANY(${uuidArray(docIds)})
          AND scope = ANY(${textArray(scopes)}) AND NOT removed`,
  );
  return new Set(rows.map((r) => r.docId));
}

/** Every document of `collection` in any of `scopes` (for scopes a device lost). */
export async function docsInScopes(
  db: Db,
  collection: string,
  scopes: string[],
): Promise<string[]> {
  if (scopes.length === 0) return [];
  const rows = await queryRows<{ docId: string }>(
    db,
    sql`SELECT DISTINCT doc_id AS "docId" FROM sync_changes
        WHERE collection = ${collection} AND scope = ANY(${textArray(scopes)})`,
  );
  return rows.map((r) => r.docId);
}

export function cursorLess(a: Cursor, b: Cursor): boolean {
  const ax = BigInt(a.x);
  const bx = BigInt(b.x);
  return ax < bx || (ax === bx && a.p < b.p);
}

export const START: Cursor = { x: "0", p: 0 };

/**
 * Are there committed changes after `after` that cannot be served yet, because an older
 * transaction (any, on the whole cluster) is still running? Serving them now could let a
 * cursor pass that older transaction's changes.
 */
async function heldBack(
  db: Db,
  collection: string,
  scopes: string[],
  after: Cursor,
): Promise<boolean> {
  if (scopes.length === 0) return false;
  const [row] = await queryRows<{ held: boolean }>(
    db,
    sql`SELECT EXISTS (
          SELECT 1 FROM sync_changes
          WHERE collection = ${collection} AND scope = ANY(${textArray(scopes)})
            AND (xid, position) > (${after.x}::xid8, ${after.p}::bigint)
            AND xid >= pg_snapshot_xmin(pg_current_snapshot())
        ) AS held`,
  );
  return row?.held === true;
}

export const HELD_BACK_WAIT_MS = 2000;
const HELD_BACK_POLL_MS = 15;

/**
 * Waits (briefly) until changes already committed in these streams can be served. A device
 * pulls right after a change notification; without this, a transaction elsewhere that is
 * still open would make the pull come back short, the device would think itself caught up,
 * and the change would wait for the next notification. Transactions are short, so this
 * usually costs nothing or a few milliseconds; after HELD_BACK_WAIT_MS the pull answers
 * with what it can (the device's periodic resync picks up the rest).
 */
export async function waitUntilServable(
  db: Db,
  collection: string,
  streams: { scopes: string[]; cursor: Cursor }[],
  maxWaitMs = HELD_BACK_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  for (const s of streams) {
    while ((await heldBack(db, collection, s.scopes, s.cursor)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, HELD_BACK_POLL_MS));
    }
  }
}
