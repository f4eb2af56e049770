/** The email outbox: what the server sent, or logged instead when no SMTP is configured. */
import { and, desc, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { emailOutbox } from "../../db/schema";
import { decodeCursor, type ListQuery, likePrefix, olderThan, PAGE_SIZE, pageOf } from "./paging";

export async function listOutbox(db: Db, query: ListQuery & { status?: string }) {
  const limit = query.limit ?? PAGE_SIZE;
  const cursor = decodeCursor(query.cursor);
  const term = likePrefix(query.q);
  const rows = await db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      kind: emailOutbox.kind,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(
      and(
        term ? sql`lower(${emailOutbox.toAddress}) like ${term}` : undefined,
        query.status ? sql`${emailOutbox.status} = ${query.status}::email_status` : undefined,
        olderThan(emailOutbox.createdAt, emailOutbox.id, cursor),
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
}
