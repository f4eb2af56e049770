/**
 * The audit log, newest first, optionally for one target (e.g. one user's history). `q`
 * matches the start of the action (`payout.`), of the actor's name, email or handle, or of
 * the target id; each through its own index (migrations 0005 and 0010).
 */
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { adminAuditLog, users } from "../../db/schema";
import {
  decodeCursor,
  type ListQuery,
  likePrefix,
  olderThan,
  PAGE_SIZE,
  pageOf,
  userIdsMatching,
} from "./paging";

/** Actions and target ids are lower-case, so the lower-cased term compares as is. */
function auditMatching(term: string): SQL {
  return sql`${adminAuditLog.id} in (
    select a.id from admin_audit_log a where a.action like ${term}
    union all
    select a.id from admin_audit_log a where a.target_id like ${term}
    union all
    select a.id from admin_audit_log a where a.actor_id in (${userIdsMatching(term)}))`;
}

export async function listAudit(db: Db, query: ListQuery & { targetId?: string }) {
  const limit = query.limit ?? PAGE_SIZE;
  const term = likePrefix(query.q);
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
        term ? auditMatching(term) : undefined,
        olderThan(adminAuditLog.at, adminAuditLog.id, decodeCursor(query.cursor)),
      ),
    )
    .orderBy(desc(adminAuditLog.at), desc(adminAuditLog.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ at: r.at, id: r.id }));
}
