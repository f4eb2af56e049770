/**
 * Every admin action that changes something. Each one records its audit row (who, what,
 * before, after); where the change is ours alone, in the same transaction as the change.
 * Payout approval and revocation run the payments/credentials code, which owns its
 * transaction, so their audit row follows with the outcome.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { CourseBadge } from "../../shared/domain/enums";
import { revokeAllSessions } from "../auth/sessions";
import { revokeCertificate } from "../credentials/revoke";
import type { Db } from "../db/database";
import { contentFlags, courses, payouts, posts, users } from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { approvePayout, listPayoutQueue } from "../payments/payouts";
import { writeAudit } from "./audit";
import { type CourseState, courseState } from "./queries/courses";
import { userColumns } from "./queries/users";

export interface Actor {
  id: string;
}

export interface RolePatch {
  isCreator?: boolean | undefined;
  isStudentTeacher?: boolean | undefined;
  isModerator?: boolean | undefined;
  isAdmin?: boolean | undefined;
}

const notFound = (what: string) => new ApiError(404, "not_found", `There is no such ${what}.`);

async function lockUser(db: Db, id: string) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)))
    .for("update");
  if (!row) throw notFound("user");
  return row;
}

export async function setUserRoles(deps: Deps, actor: Actor, userId: string, patch: RolePatch) {
  if (userId === actor.id && patch.isAdmin === false) {
    throw new ApiError(409, "self_action", "You cannot take away your own admin role.");
  }
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const before = await lockUser(tx, userId);
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(users)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning(userColumns);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.roles",
      targetType: "user",
      targetId: userId,
      before,
      after,
    });
    return after;
  });
}

/** Blocks sign-in, ends every session (so pulls, pushes and streams answer 401) and streams. */
export async function disableUser(deps: Deps, actor: Actor, userId: string, reason: string) {
  if (userId === actor.id) {
    throw new ApiError(409, "self_action", "You cannot disable your own account.");
  }
  const after = await deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const before = await lockUser(tx, userId);
    if (before.disabledAt) return before;
    const [row] = await tx
      .update(users)
      .set({ disabledAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning(userColumns);
    await revokeAllSessions(tx, userId);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.disable",
      targetType: "user",
      targetId: userId,
      before,
      after: { ...row, reason },
    });
    return row;
  });
  // Streams of this process end now; other processes' end at their next heartbeat check.
  deps.hub.disconnectUser(userId);
  return after;
}

export async function enableUser(deps: Deps, actor: Actor, userId: string) {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const before = await lockUser(tx, userId);
    if (!before.disabledAt) return before;
    const [after] = await tx
      .update(users)
      .set({ disabledAt: null, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning(userColumns);
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.enable",
      targetType: "user",
      targetId: userId,
      before,
      after,
    });
    return after;
  });
}

const courseAudit = {
  id: courses.id,
  slug: courses.slug,
  isActive: courses.isActive,
  isRetired: courses.isRetired,
  badge: courses.badge,
};

async function changeCourse(
  deps: Deps,
  actor: Actor,
  courseId: string,
  action: string,
  set: Partial<typeof courses.$inferInsert>,
) {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [before] = await tx
      .select(courseAudit)
      .from(courses)
      .where(and(eq(courses.id, courseId), isNull(courses.deletedAt)))
      .for("update");
    if (!before) throw notFound("course");
    const [after] = await tx
      .update(courses)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(courses.id, courseId))
      .returning(courseAudit);
    if (!after) throw notFound("course");
    await writeAudit(tx, {
      actorId: actor.id,
      action,
      targetType: "course",
      targetId: courseId,
      before,
      after,
    });
    return { ...after, state: courseState(after) };
  });
}

/** active: published; inactive: hidden from the catalog; retired: closed for good. */
export function setCourseState(deps: Deps, actor: Actor, courseId: string, state: CourseState) {
  const set =
    state === "active"
      ? { isActive: true, isRetired: false }
      : state === "inactive"
        ? { isActive: false, isRetired: false }
        : { isActive: false, isRetired: true };
  return changeCourse(deps, actor, courseId, `course.${state}`, set);
}

export function setCourseBadge(
  deps: Deps,
  actor: Actor,
  courseId: string,
  badge: CourseBadge | null,
) {
  return changeCourse(deps, actor, courseId, "course.badge", { badge });
}

export async function approvePayoutFor(deps: Deps, actor: Actor, recipientId: string) {
  const before = (await listPayoutQueue(deps.db)).find((r) => r.recipientId === recipientId);
  if (!before) throw new ApiError(404, "not_found", "Nothing is due to this recipient.");
  const result = await approvePayout(deps, { recipientId, approvedBy: actor.id });
  // The payout row holds the currency it was paid in (the claimed releases' currency).
  const [row] = await deps.db
    .select({ currency: payouts.currency })
    .from(payouts)
    .where(eq(payouts.id, result.payoutId));
  const outcome = { ...result, currency: row?.currency ?? before.currency };
  await writeAudit(deps.db, {
    actorId: actor.id,
    action: "payout.approve",
    targetType: "user",
    targetId: recipientId,
    before,
    after: outcome,
  });
  return outcome;
}

export async function revokeCertificateFor(
  deps: Deps,
  actor: Actor,
  certificateId: string,
  reason: string,
) {
  const { before, after } = await revokeCertificate(deps.db, {
    certificateId,
    revokedBy: actor.id,
    reason,
  });
  await writeAudit(deps.db, {
    actorId: actor.id,
    action: "certificate.revoke",
    targetType: "certificate",
    targetId: certificateId,
    before: { ...before, credential: undefined },
    after: { ...after, credential: undefined },
  });
  return after;
}

/** A moderator's decision on a pending flag: resolved (the flag was right) or dismissed. */
export type FlagDecision = "resolve" | "dismiss";
const FLAG_STATUS = { resolve: "reviewed", dismiss: "dismissed" } as const;

const flagAudit = {
  id: contentFlags.id,
  postId: contentFlags.postId,
  reason: contentFlags.reason,
  status: contentFlags.status,
  reviewedBy: contentFlags.reviewedBy,
  reviewedAt: contentFlags.reviewedAt,
};

/**
 * Reviews a pending flag (moderators and admins). Only once: a reviewed flag is a 409, so two
 * moderators acting at once cannot overwrite each other (the row is locked). Nobody reviews
 * a flag on their own post.
 */
export async function reviewFlag(
  deps: Deps,
  actor: Actor,
  flagId: string,
  decision: FlagDecision,
  note?: string,
) {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [before] = await tx
      .select(flagAudit)
      .from(contentFlags)
      .where(eq(contentFlags.id, flagId))
      .for("update");
    if (!before) throw notFound("flag");
    if (before.status !== "pending") {
      throw new ApiError(409, "flag_already_reviewed", `This flag is already ${before.status}.`);
    }
    const [post] = await tx
      .select({ authorId: posts.authorId })
      .from(posts)
      .where(eq(posts.id, before.postId));
    if (post?.authorId === actor.id) {
      throw new ApiError(409, "self_action", "You cannot review a flag on your own post.");
    }
    const [after] = await tx
      .update(contentFlags)
      .set({ status: FLAG_STATUS[decision], reviewedBy: actor.id, reviewedAt: new Date() })
      .where(eq(contentFlags.id, flagId))
      .returning(flagAudit);
    await writeAudit(tx, {
      actorId: actor.id,
      action: `flag.${decision}`,
      targetType: "content_flag",
      targetId: flagId,
      before,
      after: note ? { ...after, note } : after,
    });
    return after;
  });
}
