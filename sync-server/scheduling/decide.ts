/**
 * The server's decision on a session request (book, reschedule, cancel, rate). Runs inside
 * the transaction that stores the request — the sync push, or an API call — so a request
 * is decided exactly once, deterministically, and its outcome commits with it.
 */
import { and, eq } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { isChangeable } from "../../shared/scheduling/lifecycle";
import { fitsInWindows, openWindows } from "../../shared/scheduling/open-times";
import {
  DECLINE_REASONS,
  type DeclineReason,
  isFreeCancellation,
  SESSION_MAX_MS,
  SESSION_MIN_MS,
} from "../../shared/scheduling/policy";
import { remainingSessions } from "../../shared/scheduling/sessions-used";
import { DAY_MS } from "../../shared/scheduling/time-zones";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { sessionRequests, sessions } from "../db/schema";
import {
  type EnrollmentFacts,
  loadSlots,
  lockEnrollment,
  overlapping,
  sessionsUsed,
  teachesEnrollment,
} from "./facts";
import { lockPeople } from "./locks";
import { bookedNotices, cancelledNotice, declinedNotice, movedNotice } from "./notices";
import { notify } from "./notify";
import { rateSession } from "./rate";
import { meetingLinkFor } from "./video";

export interface DecisionContext {
  tx: Db;
  config: Config;
  now: Date;
  /**
   * The requester waits for the answer (an API call): a decline is the response itself.
   * Unset for requests pushed from a device, maybe written offline: a decline is notified.
   */
  online?: boolean;
}

export type Outcome =
  | { status: "confirmed"; sessionId: string }
  | { status: "declined"; code: DeclineReason; sessionId?: string | null };

export type SessionRequestRow = typeof sessionRequests.$inferSelect;
type SessionRow = typeof sessions.$inferSelect;

const decline = (code: DeclineReason, sessionId?: string | null): Outcome => ({
  status: "declined",
  code,
  sessionId: sessionId ?? null,
});

export async function decideRequest(ctx: DecisionContext, r: SessionRequestRow): Promise<Outcome> {
  const o = await decide(ctx, r);
  if (o.status === "declined" && !ctx.online)
    await notify(ctx.tx, [
      declinedNotice({ userId: r.userId, kind: r.kind, code: o.code, start: r.start }),
    ]);
  return o;
}

function decide(ctx: DecisionContext, r: SessionRequestRow): Promise<Outcome> {
  switch (r.kind) {
    case "book":
      return decideBook(ctx, r);
    case "reschedule":
      return decideReschedule(ctx, r);
    case "cancel":
      return decideCancel(ctx, r);
    case "rate":
      return rateSession(ctx, {
        userId: r.userId,
        sessionId: r.targetSessionId ?? "",
        rating: r.rating ?? 0,
        comment: r.comment,
      });
  }
}

/** Writes the outcome on the request row (the device sees it after its next pull). */
export async function recordOutcome(tx: Db, requestId: string, o: Outcome, now: Date) {
  await tx
    .update(sessionRequests)
    .set({
      status: o.status,
      declineCode: o.status === "declined" ? o.code : null,
      declineMessage: o.status === "declined" ? DECLINE_REASONS[o.code] : null,
      sessionId: o.sessionId ?? null,
      decidedAt: now,
      updatedAt: now,
    })
    .where(eq(sessionRequests.id, requestId));
}

interface BookingWish {
  enrollment: EnrollmentFacts;
  teacherId: string;
  start: Date;
  end: Date;
  /** Rescheduling: the session being replaced (its time is free for the new one). */
  replacing?: SessionRow;
  /** Rescheduling late: the replaced session still counts against the course. */
  replacedCounts?: boolean;
}

/**
 * Checks a wanted time and, when everything holds, creates the session. The caller holds
 * the locks of both participants, so the busy checks below cannot be overtaken.
 */
async function bookIfFree(ctx: DecisionContext, w: BookingWish): Promise<Outcome> {
  const { tx, now } = ctx;
  const length = w.end.getTime() - w.start.getTime();
  if (length < SESSION_MIN_MS || length > SESSION_MAX_MS) return decline("invalid_length");
  if (w.start.getTime() <= now.getTime()) return decline("in_the_past");
  const e = w.enrollment;
  if (e.status === "cancelled" || e.status === "completed" || !teachesEnrollment(e, w.teacherId))
    return decline("not_enrolled");
  const exceptForCount = w.replacing && !w.replacedCounts ? w.replacing.id : undefined;
  if (remainingSessions(e.sessionCount, await sessionsUsed(tx, e.id, exceptForCount)) === 0)
    return decline("no_sessions_left");
  const margin = { start: w.start.getTime() - DAY_MS, end: w.end.getTime() + DAY_MS };
  const windows = openWindows(await loadSlots(tx, w.teacherId), [], margin);
  if (!fitsInWindows(windows, { start: w.start.getTime(), end: w.end.getTime() }))
    return decline("outside_availability");
  const except = w.replacing?.id;
  if ((await overlapping(tx, w.teacherId, w, except)).length > 0) return decline("slot_taken");
  if ((await overlapping(tx, e.studentId, w, except)).length > 0) return decline("learner_busy");

  const id = uuidv7();
  await tx.insert(sessions).values({
    id,
    enrollmentId: e.id,
    teacherId: w.teacherId,
    studentId: e.studentId,
    scheduledStart: w.start,
    scheduledEnd: w.end,
    status: "scheduled",
    bbbMeetingUrl: meetingLinkFor(ctx.config, id),
  });
  return { status: "confirmed", sessionId: id };
}

async function decideBook(ctx: DecisionContext, r: SessionRequestRow): Promise<Outcome> {
  if (!r.enrollmentId || !r.teacherId || !r.start || !r.end) return decline("not_enrolled");
  await lockPeople(ctx.tx, [r.teacherId, r.userId]);
  // Under the enrollment's row lock: a reassignment or refund cannot slip in between this
  // read and the insert (facts.ts, lockEnrollment).
  const enrollment = await lockEnrollment(ctx.tx, r.enrollmentId);
  if (!enrollment || enrollment.studentId !== r.userId) return decline("not_enrolled");
  const o = await bookIfFree(ctx, {
    enrollment,
    teacherId: r.teacherId,
    start: r.start,
    end: r.end,
  });
  if (o.status === "confirmed")
    await notify(
      ctx.tx,
      bookedNotices({
        course: enrollment.courseTitle,
        start: r.start,
        learnerId: r.userId,
        teacherId: r.teacherId,
      }),
    );
  return o;
}

/** The target session, if the requester takes part in it (else: as if it did not exist). */
async function participantSession(tx: Db, userId: string, sessionId: string | null, lock = false) {
  if (!sessionId) return undefined;
  const query = tx.select().from(sessions).where(eq(sessions.id, sessionId));
  const [s] = lock ? await query.for("update") : await query;
  return s && (s.studentId === userId || s.teacherId === userId) ? s : undefined;
}

/**
 * The target session read under the locks a change of it needs, in the order every writer
 * keeps: both participants (people locks), its enrollment (FOR SHARE — a reassignment or
 * refund takes it FOR UPDATE before touching the sessions), then the session row itself
 * (FOR UPDATE, so a start or completion cannot change it before this commits), read again
 * as it may have changed before the locks were held.
 */
async function lockedTarget(tx: Db, r: SessionRequestRow) {
  const first = await participantSession(tx, r.userId, r.targetSessionId);
  if (!first)
    return { declined: decline(r.targetSessionId ? "not_participant" : "session_not_found") };
  await lockPeople(tx, [first.teacherId, first.studentId]);
  const enrollment = await lockEnrollment(tx, first.enrollmentId);
  const s = await participantSession(tx, r.userId, first.id, true);
  if (!s) return { declined: decline("not_participant") };
  if (!isChangeable(s.status)) return { declined: decline("not_cancellable", s.id) };
  return { s, enrollment };
}

/**
 * A learner's change inside the window counts the session as used; a teacher's never does.
 * The same rule for cancelling and for moving a session (README "Sessions").
 */
function countsAsUsed(ctx: DecisionContext, s: SessionRow, byUserId: string): boolean {
  return (
    byUserId === s.studentId &&
    !isFreeCancellation(s.scheduledStart, ctx.now, ctx.config.SESSION_FREE_CANCEL_HOURS)
  );
}

/** Cancels a still-scheduled session; false when it is no longer scheduled. */
async function cancelScheduled(
  ctx: DecisionContext,
  s: SessionRow,
  by: string,
  reason: string | null,
  counts: boolean,
): Promise<boolean> {
  const rows = await ctx.tx
    .update(sessions)
    .set({
      status: "cancelled",
      cancelledBy: by,
      cancelReason: reason,
      countsAsUsed: counts,
      updatedAt: ctx.now,
    })
    .where(and(eq(sessions.id, s.id), eq(sessions.status, "scheduled")))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

async function decideReschedule(ctx: DecisionContext, r: SessionRequestRow): Promise<Outcome> {
  const target = await lockedTarget(ctx.tx, r);
  if (target.declined) return target.declined;
  const { s: old, enrollment } = target;
  if (!r.start || !r.end) return decline("invalid_length", old.id);
  if (!enrollment) return decline("not_enrolled", old.id);
  const counts = countsAsUsed(ctx, old, r.userId);
  const o = await bookIfFree(ctx, {
    enrollment,
    teacherId: old.teacherId,
    start: r.start,
    end: r.end,
    replacing: old,
    replacedCounts: counts,
  });
  if (o.status !== "confirmed") return o;
  if (!(await cancelScheduled(ctx, old, r.userId, r.reason ?? "Rescheduled", counts)))
    throw new Error("rescheduled session changed under its locks");
  const other = r.userId === old.studentId ? old.teacherId : old.studentId;
  await notify(ctx.tx, [
    movedNotice({
      to: other,
      course: enrollment.courseTitle,
      from: old.scheduledStart,
      start: r.start,
    }),
  ]);
  return o;
}

async function decideCancel(ctx: DecisionContext, r: SessionRequestRow): Promise<Outcome> {
  const target = await lockedTarget(ctx.tx, r);
  if (target.declined) return target.declined;
  const { s, enrollment } = target;
  const counts = countsAsUsed(ctx, s, r.userId);
  if (!(await cancelScheduled(ctx, s, r.userId, r.reason, counts)))
    return decline("not_cancellable", s.id);
  const byTeacher = r.userId === s.teacherId;
  await notify(ctx.tx, [
    cancelledNotice({
      to: byTeacher ? s.studentId : s.teacherId,
      byTeacher,
      course: enrollment?.courseTitle ?? "your course",
      start: s.scheduledStart,
      reason: r.reason,
    }),
  ]);
  return { status: "confirmed", sessionId: s.id };
}
