/**
 * Every admin action that changes something. Each one records its audit row (who, what,
 * before, after) in the same transaction as the change: payout approval through the hooks
 * approvePayout runs inside its own transactions, revocation by passing our transaction to
 * the credentials code.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { CourseBadge } from "../../shared/domain/enums";
import { revokeAllSessions } from "../auth/sessions";
import { revokeCertificate } from "../credentials/revoke";
import { type Db, queryRows } from "../db/database";
import { contentFlags, courses, posts, users } from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { approvePayout } from "../payments/payouts";
import { writeAudit } from "./audit";
import { type CourseState, courseState } from "./queries/courses";
import { foldRollups } from "./queries/rollups";
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
  /** Refuses the change (by throwing) given the locked row as it is. */
  allowed?: (before: { isActive: boolean; isRetired: boolean }) => void,
) {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [before] = await tx
      .select(courseAudit)
      .from(courses)
      .where(and(eq(courses.id, courseId), isNull(courses.deletedAt)))
      .for("update");
    if (!before) throw notFound("course");
    allowed?.(before);
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

/**
 * active: published; inactive: hidden from the catalog; retired: closed for good — a retired
 * course takes no state change any more (`409 course_retired`): its learners' certificates
 * and the "retired" shown to them stay true. A badge may still change.
 */
export function setCourseState(deps: Deps, actor: Actor, courseId: string, state: CourseState) {
  const set =
    state === "active"
      ? { isActive: true, isRetired: false }
      : state === "inactive"
        ? { isActive: false, isRetired: false }
        : { isActive: false, isRetired: true };
  return changeCourse(deps, actor, courseId, `course.${state}`, set, (before) => {
    if (before.isRetired) {
      throw new ApiError(409, "course_retired", "This course is retired: that is final.");
    }
  });
}

export function setCourseBadge(
  deps: Deps,
  actor: Actor,
  courseId: string,
  badge: CourseBadge | null,
) {
  return changeCourse(deps, actor, courseId, "course.badge", { badge });
}

/** What the queue says is owed to the recipient (all currencies, or the one named). */
async function owedTo(db: Db, recipientId: string, currency: string | undefined) {
  await foldRollups(db);
  return queryRows<{ currency: string; cents: number; splits: number }>(
    db,
    sql`select currency, cents::float8 as cents, splits from admin_unpaid_recipients
         where recipient_id = ${recipientId} and cents > 0
           ${currency ? sql`and currency = ${currency}` : sql``}
         order by currency`,
  );
}

/**
 * Approves a payout and audits every attempt. The approval's row (what was owed, what was
 * claimed) is written in the claiming transaction, and the outcome's row (`payout.outcome`:
 * paid, failed, what went back to the queue) in the transaction that records the transfers:
 * the log never says "approved" for a claim that rolled back, and nothing is updated later —
 * the audit table is append-only. A refusal by the rules (409 nothing_to_pay,
 * no_connected_account, currency_required; 404 for no such user) is recorded too, with its
 * code, since an operator asked for it.
 */
export async function approvePayoutFor(
  deps: Deps,
  actor: Actor,
  input: { recipientId: string; currency?: string | undefined },
) {
  const { recipientId, currency } = input;
  const [recipient] = await deps.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, recipientId));
  const owed = recipient ? await owedTo(deps.db, recipientId, currency) : [];
  const before = { recipientId, currency: currency ?? null, owed };
  const audit = (tx: Pick<Db, "insert">, action: string, after: unknown) =>
    writeAudit(tx, {
      actorId: actor.id,
      action,
      targetType: "user",
      targetId: recipientId,
      before,
      after,
    });
  try {
    if (!recipient) throw notFound("user");
    return await approvePayout(
      deps,
      { recipientId, approvedBy: actor.id, currency },
      {
        claimed: (tx, claim) => audit(tx, "payout.approve", { ...claim, status: "processing" }),
        recorded: (tx, result) => audit(tx, "payout.outcome", result),
      },
    );
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) {
      await audit(deps.db, "payout.approve", {
        outcome: "refused",
        code: err.code,
        message: err.message,
      });
    }
    throw err;
  }
}

/**
 * Revokes in our transaction (the credentials code's own transaction becomes a savepoint
 * inside it), so the revocation and its audit row commit together or not at all.
 */
export async function revokeCertificateFor(
  deps: Deps,
  actor: Actor,
  certificateId: string,
  reason: string,
) {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const { before, after } = await revokeCertificate(tx, {
      certificateId,
      revokedBy: actor.id,
      reason,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "certificate.revoke",
      targetType: "certificate",
      targetId: certificateId,
      before: { ...before, credential: undefined },
      after: { ...after, credential: undefined },
    });
    return after;
  });
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
