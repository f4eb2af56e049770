/** Sessions (server-decided, with their assessments) and teachers' availability. */
import { eq } from "drizzle-orm";
import { HOUR_MS } from "../../../shared/scheduling/time-zones";
import {
  availability as availabilityDecl,
  sessions as sessionsDecl,
} from "../../../shared/sync/collections/teaching";
import { availability, sessionAssessments, sessions, users } from "../../db/schema";
import {
  anyUuid,
  byId,
  forbidden,
  groupBy,
  invalid,
  OK,
  type ServerCollection,
  type Verdict,
  type Write,
} from "./types";

export const sessionsCollection: ServerCollection = {
  decl: sessionsDecl,
  async load(db, ids, ctx) {
    if (ids.length === 0) return new Map();
    // The free-cancellation deadline depends on the config: a document built without it
    // would carry a wrong one, so that is a programming error, not a default.
    if (!ctx) throw new Error("sessions documents need the server config");
    const freeCancelMs = ctx.config.SESSION_FREE_CANCEL_HOURS * HOUR_MS;
    const [rows, assessments] = await Promise.all([
      db.select().from(sessions).where(anyUuid(sessions.id, ids)),
      db.select().from(sessionAssessments).where(anyUuid(sessionAssessments.sessionId, ids)),
    ]);
    const bySession = groupBy(assessments, (a) => a.sessionId);
    return byId(rows, (s) => ({
      id: s.id,
      enrollmentId: s.enrollmentId,
      teacherId: s.teacherId,
      studentId: s.studentId,
      scheduledStart: s.scheduledStart.toISOString(),
      scheduledEnd: s.scheduledEnd.toISOString(),
      status: s.status,
      bbbMeetingUrl: s.bbbMeetingUrl,
      recordingUrl: s.recordingUrl,
      cancelledBy: s.cancelledBy,
      cancelReason: s.cancelReason,
      countsAsUsed: s.countsAsUsed,
      freeCancelUntil: new Date(s.scheduledStart.getTime() - freeCancelMs).toISOString(),
      createdAt: s.createdAt.toISOString(),
      assessments: (bySession.get(s.id) ?? []).map((a) => ({
        id: a.id,
        assessorId: a.assessorId,
        assesseeId: a.assesseeId,
        rating: a.rating,
        comment: a.comment,
        createdAt: a.createdAt.toISOString(),
      })),
      _deleted: false,
    }));
  },
};

/** "09:00" and "09:00:00" are the same time; the database returns the long form. */
const hms = (t: unknown) => (String(t).length === 5 ? `${t}:00` : String(t));

function isTimeZone(tz: unknown): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: String(tz) });
    return true;
  } catch {
    return false;
  }
}

function checkSlot(w: Write): Verdict {
  const d = w.doc;
  if (hms(d.endTime) <= hms(d.startTime))
    return invalid("A slot must end after it starts (split slots that cross midnight).");
  if (!isTimeZone(d.timezone)) return invalid("Unknown time zone.");
  if (d.isRecurring && d.specificDate !== null)
    return invalid("A weekly slot has no specific date.");
  if (!d.isRecurring) {
    if (typeof d.specificDate !== "string") return invalid("A one-off slot needs its date.");
    if (new Date(`${d.specificDate}T00:00:00Z`).getUTCDay() !== d.dayOfWeek)
      return invalid("dayOfWeek does not match the date.");
  }
  return OK;
}

export const availabilityCollection: ServerCollection = {
  decl: availabilityDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(availability).where(anyUuid(availability.id, ids));
    return byId(rows, (a) => ({
      id: a.id,
      userId: a.userId,
      dayOfWeek: a.dayOfWeek,
      startTime: a.startTime,
      endTime: a.endTime,
      timezone: a.timezone,
      isRecurring: a.isRecurring,
      specificDate: a.specificDate,
      _deleted: a.deletedAt !== null,
    }));
  },
  writer: {
    async authorize(db, userId, writes) {
      const [me] = await db
        .select({ isCreator: users.isCreator, isStudentTeacher: users.isStudentTeacher })
        .from(users)
        .where(eq(users.id, userId));
      const teaches = !!me && (me.isCreator || me.isStudentTeacher);
      return writes.map((w) => {
        const owner = w.op === "create" ? w.doc.userId : w.current?.userId;
        if (owner !== userId) return forbidden("You can only edit your own availability.");
        if (w.op === "create" && !teaches)
          return forbidden("Only Student-Teachers and creators offer availability.");
        return w.op === "delete" ? OK : checkSlot(w);
      });
    },
    async apply(tx, userId, writes) {
      const now = new Date();
      for (const w of writes) {
        const d = w.doc;
        const fields = {
          dayOfWeek: Number(d.dayOfWeek),
          startTime: hms(d.startTime),
          endTime: hms(d.endTime),
          timezone: String(d.timezone),
          isRecurring: Boolean(d.isRecurring),
          specificDate: (d.specificDate as string | null) ?? null,
          updatedAt: now,
        };
        if (w.op === "create")
          await tx.insert(availability).values({ id: d.id, userId, ...fields });
        else if (w.op === "update")
          await tx.update(availability).set(fields).where(eq(availability.id, d.id));
        else
          await tx
            .update(availability)
            .set({ deletedAt: now, updatedAt: now })
            .where(eq(availability.id, d.id));
      }
    },
  },
};
