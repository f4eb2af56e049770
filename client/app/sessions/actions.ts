/**
 * What the person looking at a session may do with it now, by the server's rules — so the
 * screen never offers what the server would refuse. Pure: the caller passes the clock.
 *
 * - Start: the teacher, by the shared rule (shared/scheduling/lifecycle.ts `startRefusal`:
 *   a scheduled session, from START_EARLY_MS before its start), until its end.
 * - Mark completed: the teacher, by `completionRefusal` (once the start has passed, also
 *   long after the end).
 * - Cancel and move: a session that `isChangeable` (scheduled) and is not over.
 * - Join: in progress, or scheduled and not over.
 */
import {
  completionRefusal,
  isChangeable,
  type SessionClock,
  startRefusal,
} from "../../../shared/scheduling/lifecycle";
import { phaseOf } from "./grouping";
import type { RequestDoc, SessionDoc } from "./types";

export interface SessionActions {
  join: boolean;
  start: boolean;
  complete: boolean;
  cancel: boolean;
  move: boolean;
  /** A line about where the session stands, for this person (null: nothing to add). */
  state: string | null;
}

export function actionsFor(s: SessionDoc, me: string, nowMs: number): SessionActions {
  const teaching = s.teacherId === me;
  const phase = phaseOf(s, nowMs);
  const clock: SessionClock = { status: s.status, startMs: Date.parse(s.scheduledStart) };
  const none = { join: false, start: false, complete: false, cancel: false, move: false };
  if (phase === "completed") return { ...none, state: "Completed" };
  if (phase === "cancelled") return { ...none, state: "Cancelled" };
  if (phase === "overdue")
    return {
      ...none,
      // The teacher may still be in the room of a session that ran late.
      join: s.status === "in_progress",
      complete: teaching && completionRefusal(clock, nowMs) === null,
      state: teaching ? "Needs completing" : "Waiting for the teacher to complete",
    };
  return {
    join: true,
    start: teaching && startRefusal(clock, nowMs) === null,
    complete: teaching && completionRefusal(clock, nowMs) === null,
    cancel: isChangeable(s.status),
    move: isChangeable(s.status),
    state: s.status === "in_progress" ? "In progress" : null,
  };
}

export type RatingState =
  | { kind: "none" }
  | { kind: "can_rate"; declined: string | null }
  | { kind: "pending"; rating: number }
  | { kind: "rated"; rating: number; comment: string | null }
  | { kind: "refused"; message: string };

/**
 * Where my rating of a completed session stands: given (the assessment synced back, or the
 * server confirmed it), waiting for the server, refused for good (already rated), or still
 * to give — with the reason when an earlier try was declined.
 */
export function ratingState(
  s: SessionDoc,
  me: string,
  requests: readonly RequestDoc[],
): RatingState {
  if (s.status !== "completed") return { kind: "none" };
  const mine = s.assessments.find((a) => a.assessorId === me);
  if (mine) return { kind: "rated", rating: mine.rating, comment: mine.comment };
  const tries = requests
    .filter((r) => r.kind === "rate" && r.userId === me && r.targetSessionId === s.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const last = tries[0];
  if (!last) return { kind: "can_rate", declined: null };
  if (last.status === "requested") return { kind: "pending", rating: last.rating ?? 0 };
  if (last.status === "confirmed")
    return { kind: "rated", rating: last.rating ?? 0, comment: last.comment };
  const message = last.declineMessage ?? "The server declined this rating.";
  return last.declineCode === "already_rated"
    ? { kind: "refused", message }
    : { kind: "can_rate", declined: message };
}

/**
 * What the person cancelling should know before they confirm. Only the learner's change can
 * count the session as used, after `freeCancelUntil` — which the server judges when the
 * request reaches it (a cancellation written offline counts from then).
 */
export function cancelNotice(
  s: SessionDoc,
  me: string,
  nowMs: number,
  when: (iso: string) => string,
): string {
  if (s.teacherId === me)
    return "Your learner is told. A teacher's cancellation never counts against their sessions.";
  const deadline = when(s.freeCancelUntil);
  return nowMs < Date.parse(s.freeCancelUntil)
    ? `Cancelling is free until ${deadline}. If your cancellation reaches the server after that, this session counts as used.`
    : `Free cancellation ended ${deadline}: cancelling now counts this session as used.`;
}

/** The same for moving (a learner's late move counts the old session as used). */
export function moveNotice(
  s: SessionDoc,
  me: string,
  nowMs: number,
  when: (iso: string) => string,
): string | null {
  if (s.teacherId === me) return null;
  const deadline = when(s.freeCancelUntil);
  return nowMs < Date.parse(s.freeCancelUntil)
    ? `Moving is free until ${deadline}; after that the old session counts as used.`
    : `Free changes ended ${deadline}: moving now counts this session as used.`;
}
