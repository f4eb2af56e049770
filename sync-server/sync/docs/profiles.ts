/** Profile cards: the user row with its credentials, teaching and certificates. */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { uuidv7 } from "../../../shared/ids/uuidv7";
import { isValidTimeZone } from "../../../shared/scheduling/time-zones";
import { profiles as profilesDecl } from "../../../shared/sync/collections/profiles";
import type { Db } from "../../db/database";
import {
  certificates,
  studentTeachers,
  userExpertise,
  userInterests,
  userQualifications,
  users,
} from "../../db/schema";
import {
  anyUuid,
  byId,
  forbidden,
  groupBy,
  invalid,
  OK,
  type ServerCollection,
  type Write,
} from "./types";

async function loadProfiles(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map();
  const [rows, quals, expertise, interests, teaching, certs] = await Promise.all([
    db.select().from(users).where(anyUuid(users.id, ids)),
    db
      .select()
      .from(userQualifications)
      .where(and(anyUuid(userQualifications.userId, ids), isNull(userQualifications.deletedAt)))
      .orderBy(asc(userQualifications.displayOrder)),
    db
      .select()
      .from(userExpertise)
      .where(and(anyUuid(userExpertise.userId, ids), isNull(userExpertise.deletedAt))),
    db
      .select()
      .from(userInterests)
      .where(and(anyUuid(userInterests.userId, ids), isNull(userInterests.deletedAt))),
    db.select().from(studentTeachers).where(anyUuid(studentTeachers.userId, ids)),
    db
      .select()
      .from(certificates)
      .where(anyUuid(certificates.userId, ids))
      .orderBy(asc(certificates.issuedAt)),
  ]);
  const g = <T extends { userId: string }>(list: T[]) => groupBy(list, (r) => r.userId);
  const [q, e, i, t, c] = [g(quals), g(expertise), g(interests), g(teaching), g(certs)];
  return byId(rows, (u) => ({
    id: u.id,
    name: u.name,
    handle: u.handle,
    avatarUrl: u.avatarUrl,
    title: u.title,
    bioShort: u.bioShort,
    bio: u.bio,
    website: u.website,
    teachingPhilosophy: u.teachingPhilosophy,
    timezone: u.timezone,
    privacyPublic: u.privacyPublic,
    role: u.role,
    isCreator: u.isCreator,
    isStudentTeacher: u.isStudentTeacher,
    qualifications: (q.get(u.id) ?? []).map((x) => x.sentence),
    expertise: (e.get(u.id) ?? []).map((x) => x.tag).sort(),
    interests: (i.get(u.id) ?? []).map((x) => x.tag).sort(),
    teaching: (t.get(u.id) ?? []).map((x) => ({
      courseId: x.courseId,
      certifiedDate: x.certifiedDate,
      isActive: x.isActive,
    })),
    certificates: (c.get(u.id) ?? []).map((x) => ({
      id: x.id,
      courseId: x.courseId,
      type: x.type,
      issuedAt: x.issuedAt.toISOString(),
      revokedAt: x.revokedAt?.toISOString() ?? null,
    })),
    updatedAt: u.updatedAt.toISOString(),
    _deleted: u.deletedAt !== null,
  }));
}

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
const sameList = (a: unknown, b: unknown) =>
  JSON.stringify(strings(a)) === JSON.stringify(strings(b));

/** Replaces a tag list by soft-deleting what left and inserting what arrived. */
async function syncTags(
  tx: Db,
  table: typeof userExpertise | typeof userInterests,
  userId: string,
  next: string[],
  prev: string[],
) {
  const gone = prev.filter((t) => !next.includes(t));
  const added = [...new Set(next.filter((t) => !prev.includes(t)))];
  if (gone.length) {
    await tx
      .update(table)
      .set({ deletedAt: new Date() })
      .where(and(eq(table.userId, userId), inArray(table.tag, gone), isNull(table.deletedAt)));
  }
  if (added.length)
    await tx.insert(table).values(added.map((tag) => ({ id: uuidv7(), userId, tag })));
}

async function applyProfile(tx: Db, userId: string, w: Write) {
  const d = w.doc;
  const prev = w.current ?? d;
  await tx
    .update(users)
    .set({
      name: String(d.name),
      avatarUrl: (d.avatarUrl as string | null) ?? null,
      title: (d.title as string | null) ?? null,
      bioShort: (d.bioShort as string | null) ?? null,
      bio: (d.bio as string | null) ?? null,
      website: (d.website as string | null) ?? null,
      teachingPhilosophy: (d.teachingPhilosophy as string | null) ?? null,
      timezone: String(d.timezone),
      privacyPublic: Boolean(d.privacyPublic),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  if (!sameList(d.qualifications, prev.qualifications)) {
    const now = new Date();
    await tx
      .update(userQualifications)
      .set({ deletedAt: now })
      .where(and(eq(userQualifications.userId, userId), isNull(userQualifications.deletedAt)));
    const list = strings(d.qualifications);
    if (list.length) {
      await tx
        .insert(userQualifications)
        .values(list.map((sentence, i) => ({ id: uuidv7(), userId, sentence, displayOrder: i })));
    }
  }
  await syncTags(tx, userExpertise, userId, strings(d.expertise), strings(prev.expertise));
  await syncTags(tx, userInterests, userId, strings(d.interests), strings(prev.interests));
}

export const profilesCollection: ServerCollection = {
  decl: profilesDecl,
  load: loadProfiles,
  writer: {
    async authorize(_db, userId, writes) {
      return writes.map((w) => {
        if (w.doc.id !== userId) return forbidden("You can only edit your own profile.");
        // The zone notices and emails are written in (and availability is checked against):
        // refused like an availability slot's unknown zone, not stored and misread later.
        if (w.op !== "delete" && !isValidTimeZone(w.doc.timezone))
          return invalid("Unknown time zone.");
        return OK;
      });
    },
    async apply(tx, userId, writes) {
      for (const w of writes) await applyProfile(tx, userId, w);
    },
  },
};
