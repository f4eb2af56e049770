/** Admin reads of certificates: search by learner (name or email prefix) or id; one in full. */
import { aliasedTable, and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { certificates, courses, users } from "../../db/schema";
import {
  decodeCursor,
  type ListQuery,
  likePrefix,
  olderThan,
  PAGE_SIZE,
  pageOf,
  userIdsMatching,
} from "./paging";

const issuer = aliasedTable(users, "issuer");

const columns = {
  id: certificates.id,
  type: certificates.type,
  issuedAt: certificates.issuedAt,
  revokedAt: certificates.revokedAt,
  revocationReason: certificates.revocationReason,
  learner: users.name,
  learnerEmail: users.email,
  userId: certificates.userId,
  course: courses.title,
  issuedBy: issuer.name,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listCertificates(db: Db, query: ListQuery) {
  const limit = query.limit ?? PAGE_SIZE;
  const cursor = decodeCursor(query.cursor);
  const q = query.q?.trim();
  const term = likePrefix(q);
  const rows = await db
    .select(columns)
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .innerJoin(issuer, eq(issuer.id, certificates.issuedBy))
    .where(
      and(
        q && UUID.test(q)
          ? eq(certificates.id, q)
          : term
            ? // A union of index-driven lookups (learner, then course title by prefix): an OR
              // across the joined tables could use no index and would scan every certificate.
              sql`${certificates.id} in (
                select c.id from certificates c where c.user_id in (${userIdsMatching(term)})
                union all
                select c.id from certificates c where c.course_id in
                  (select co.id from courses co where lower(co.title) like ${term}))`
            : undefined,
        olderThan(certificates.issuedAt, certificates.id, cursor),
      ),
    )
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ at: r.issuedAt, id: r.id }));
}

export async function certificateDetail(db: Db, id: string) {
  if (!UUID.test(id)) return undefined;
  const [row] = await db
    .select({ ...columns, credential: certificates.credential })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .innerJoin(issuer, eq(issuer.id, certificates.issuedBy))
    .where(eq(certificates.id, id));
  return row;
}
