/** Content flags: the moderators' queue (pending first, then newest). */
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { contentFlags, posts, users } from "../../db/schema";

export async function listFlags(db: Db, limit = 100) {
  return db
    .select({
      id: contentFlags.id,
      reason: contentFlags.reason,
      status: contentFlags.status,
      createdAt: contentFlags.createdAt,
      flaggedBy: users.name,
      postId: contentFlags.postId,
      excerpt: sql<string>`left(${posts.content}, 200)`,
    })
    .from(contentFlags)
    .innerJoin(users, eq(users.id, contentFlags.flaggedBy))
    .innerJoin(posts, eq(posts.id, contentFlags.postId))
    .orderBy(sql`${contentFlags.status} <> 'pending'`, desc(contentFlags.createdAt))
    .limit(limit);
}
