/**
 * Content flags: the moderators' queue, pending first, then newest. Keyset paging on
 * (pending, created_at, id), served by content_flags_queue_idx (migration 0010); filter by
 * status; `q` matches the start of the flagged post's text or of its author's name, email or
 * handle.
 */
import { aliasedTable, and, eq, type SQL, sql } from "drizzle-orm";
import type { ContentFlagStatus } from "../../../shared/domain/enums";
import type { Db } from "../../db/database";
import { contentFlags, posts, users } from "../../db/schema";
import {
  cursorAt,
  cursorId,
  cursorInstant,
  invalidCursor,
  type ListQuery,
  likePrefix,
  PAGE_SIZE,
  type Page,
  userIdsMatching,
} from "./paging";

const author = aliasedTable(users, "author");

interface FlagCursor {
  pending: boolean;
  at: Date;
  id: string;
}

function encodeFlagCursor(r: { status: string; createdAt: Date; id: string }): string {
  return `${r.status === "pending" ? 1 : 0}_${r.createdAt.toISOString()}_${r.id}`;
}

/** Undefined for no cursor (the first page); a malformed one is `400 invalid_cursor`. */
function decodeFlagCursor(raw: string | undefined): FlagCursor | undefined {
  if (!raw) return undefined;
  const parts = raw.split("_");
  const [pending, iso, id] = parts;
  if (parts.length !== 3 || (pending !== "0" && pending !== "1")) throw invalidCursor();
  return { pending: pending === "1", at: cursorInstant(iso), id: cursorId(id) };
}

/** Flags on posts whose text, or whose author's name / email / handle, starts with `term`. */
function flagsMatching(term: string): SQL {
  return sql`${contentFlags.postId} in (
    select p.id from posts p where lower(left(p.content, 200)) like ${term}
    union all
    select p.id from posts p where p.author_id in (${userIdsMatching(term)}))`;
}

const isPending = sql`(${contentFlags.status} = 'pending')`;

export async function listFlags(db: Db, query: ListQuery & { status?: ContentFlagStatus }) {
  const limit = query.limit ?? PAGE_SIZE;
  const term = likePrefix(query.q);
  const cursor = decodeFlagCursor(query.cursor);
  const rows = await db
    .select({
      id: contentFlags.id,
      reason: contentFlags.reason,
      status: contentFlags.status,
      createdAt: contentFlags.createdAt,
      reviewedAt: contentFlags.reviewedAt,
      reviewedBy: contentFlags.reviewedBy,
      flaggedBy: users.name,
      postId: contentFlags.postId,
      author: author.name,
      authorId: author.id,
      excerpt: sql<string>`left(${posts.content}, 200)`,
    })
    .from(contentFlags)
    .innerJoin(users, eq(users.id, contentFlags.flaggedBy))
    .innerJoin(posts, eq(posts.id, contentFlags.postId))
    .innerJoin(author, eq(author.id, posts.authorId))
    .where(
      and(
        query.status ? eq(contentFlags.status, query.status) : undefined,
        term ? flagsMatching(term) : undefined,
        cursor
          ? sql`(${isPending}, ${contentFlags.createdAt}, ${contentFlags.id})
                < (${cursor.pending}::boolean, ${cursorAt(contentFlags.createdAt, contentFlags.id, cursor)}, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(
      sql`${isPending} desc`,
      sql`${contentFlags.createdAt} desc`,
      sql`${contentFlags.id} desc`,
    )
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const page: Page<(typeof items)[number]> = {
    items,
    nextCursor: rows.length > limit && last ? encodeFlagCursor(last) : null,
  };
  return page;
}
