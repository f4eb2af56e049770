/** The email outbox: what the server sent, or logged instead when no SMTP is configured. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { emailOutbox } from "../../db/schema";
import {
  decodeCursor,
  isUuid,
  type ListQuery,
  likePrefix,
  olderThan,
  PAGE_SIZE,
  pageOf,
} from "./paging";

/**
 * Newest first; `status` (e.g. failed) is served by the (status, created_at) index, `q` by
 * the address prefix index (migration 0010).
 */
export async function listOutbox(db: Db, query: ListQuery & { status?: string | undefined }) {
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

/**
 * Emailed links carry single-use tokens (verify the address, reset the password). Whoever
 * reads the outbox must not be able to follow them: that would let an admin sign in as
 * anyone without a trace in the audit log. The token is replaced, the rest is kept.
 */
export function hideTokens(body: string): string {
  return body.replace(/([?&]token=)[^\s&#"'<>]+/gi, "$1[hidden]");
}

/** One email with its body (tokens hidden); undefined when there is none. */
export async function outboxDetail(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ? { ...row, bodyText: hideTokens(row.bodyText) } : undefined;
}
