/** The audit log, newest first, optionally for one target (e.g. one user's history). */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { adminAuditLog, users } from "../../db/schema";
import { decodeCursor, type ListQuery, PAGE_SIZE, pageOf } from "./paging";

export async function listAudit(db: Db, query: ListQuery & { targetId?: string }) {
  const limit = query.limit ?? PAGE_SIZE;
  const cursor = decodeCursor(query.cursor);
  const rows = await db
    .select({
      id: adminAuditLog.id,
      at: adminAuditLog.at,
      actor: users.name,
      actorId: adminAuditLog.actorId,
      action: adminAuditLog.action,
      targetType: adminAuditLog.targetType,
      targetId: adminAuditLog.targetId,
      before: adminAuditLog.before,
      after: adminAuditLog.after,
    })
    .from(adminAuditLog)
    .innerJoin(users, eq(users.id, adminAuditLog.actorId))
    .where(
      and(
        query.targetId ? eq(adminAuditLog.targetId, query.targetId) : undefined,
        query.q
          ? sql`${adminAuditLog.action} like ${`${query.q.replace(/[\\%_]/g, "")}%`}`
          : undefined,
        cursor
          ? sql`(${adminAuditLog.at}, ${adminAuditLog.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(adminAuditLog.at), desc(adminAuditLog.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ at: r.at, id: r.id }));
}
