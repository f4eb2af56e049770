/** Keyset paging helpers shared by the admin lists: `(at, id)` cursors, newest first. */
import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { ApiError } from "../../http/errors";
import { searchText } from "../input";

export const PAGE_SIZE = 50;

export const listQuery = z.object({
  q: searchText().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ListQuery = z.output<typeof listQuery>;

export interface Cursor {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Exactly what encodeCursor writes (Date#toISOString), with a four-digit year. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/**
 * The instants a cursor may name. Every row of ours was written after 1970 and long before
 * 9999; outside that, Postgres may refuse the ::timestamptz cast (years past 294276, BC
 * years) and the request would fail as a 500 instead of a 400.
 */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function encodeCursor(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

export function invalidCursor(): ApiError {
  return new ApiError(
    400,
    "invalid_cursor",
    "This page link is not valid (its cursor is malformed): start again from the first page.",
  );
}

/**
 * A cursor's instant, strictly: the ISO form encodeCursor writes, a real calendar instant
 * (it reads back the same: no 31 February), within EARLIEST..LATEST. Anything else throws
 * `400 invalid_cursor`.
 */
export function cursorInstant(iso: string | undefined): Date {
  if (!iso || !ISO_INSTANT.test(iso)) throw invalidCursor();
  const at = new Date(iso);
  const ms = at.getTime();
  if (Number.isNaN(ms) || at.toISOString() !== iso || ms < EARLIEST || ms > LATEST) {
    throw invalidCursor();
  }
  return at;
}

/** A cursor's id: a real uuid, lower-cased; anything else throws `400 invalid_cursor`. */
export function cursorId(id: string | undefined): string {
  if (!isUuid(id)) throw invalidCursor();
  return id.toLowerCase();
}

/**
 * The `(at, id)` cursor of a page link; undefined when there is none (the first page). A
 * malformed one is `400 invalid_cursor`: silently starting over would show the first page
 * again as if it were the next one.
 */
export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  const parts = raw.split("_");
  if (parts.length !== 2) throw invalidCursor();
  return { at: cursorInstant(parts[0]), id: cursorId(parts[1]) };
}

/** Lower-cased search term with LIKE's wildcards escaped, ready for `term || '%'`. */
export function likePrefix(q: string | undefined): string | undefined {
  const t = q?.trim().toLowerCase();
  if (!t) return undefined;
  return `${t.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetch limit+1 rows, keep limit, and point the cursor at the last kept row. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const more = rows.length > limit && last;
  return { items, nextCursor: more ? encodeCursor(keyOf(last).at, keyOf(last).id) : null };
}

/**
 * The cursor row's own timestamp, read back from its table. The cursor carries milliseconds
 * (a JS Date) but Postgres keeps microseconds: comparing against the rounded value would skip
 * the rows that share the cursor row's timestamp (one transaction's `now()`) with a smaller
 * id. Falls back to the cursor's value if the row is gone.
 */
export function cursorAt(at: AnyPgColumn, id: AnyPgColumn, cursor: Cursor): SQL {
  return sql`coalesce((select k.${sql.identifier(at.name)} from ${at.table} k
    where k.${sql.identifier(id.name)} = ${cursor.id}::uuid), ${cursor.at.toISOString()}::timestamptz)`;
}

/** `(at, id) < cursor`: the rows after the cursor in newest-first order (undefined: all). */
export function olderThan(
  at: AnyPgColumn,
  id: AnyPgColumn,
  cursor: Cursor | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${at}, ${id}) < (${cursorAt(at, id, cursor)}, ${cursor.id}::uuid)`;
}

/**
 * Ids of the users whose name, email or handle starts with `term` (a likePrefix result):
 * each branch is served by its lower(...) text_pattern_ops index (migration 0005).
 */
export function userIdsMatching(term: string): SQL {
  return sql`select u.id from users u where lower(u.name) like ${term}
    or lower(u.email) like ${term} or lower(u.handle) like ${term}`;
}

export function isUuid(value: string | undefined): value is string {
  return Boolean(value && UUID.test(value));
}
