/**
 * How the Sessions screen sorts a user's sessions, and how many sessions of a course are
 * left — counted by the server's rule (shared/scheduling/sessions-used.ts), plus the
 * bookings this device wrote that the server has not decided yet. Pure (the caller passes
 * the clock), so it is tested with tables of cases.
 */
import {
  countsAgainstEnrollment,
  remainingSessions,
} from "../../../shared/scheduling/sessions-used";
import { DAY_MS } from "../../../shared/scheduling/time-zones";
import type { RequestDoc, SessionDoc } from "./types";

/** Cancelled sessions stay on the screen this long after their planned start. */
export const RECENT_CANCELLED_DAYS = 30;
export const MAX_CANCELLED_SHOWN = 10;

export type Phase = "upcoming" | "overdue" | "completed" | "cancelled";

/**
 * `overdue`: still scheduled or in progress although its end has passed — it waits for the
 * teacher to mark it completed (it never leaves the screen by itself).
 */
export function phaseOf(s: SessionDoc, nowMs: number): Phase {
  if (s.status === "completed" || s.status === "cancelled") return s.status;
  return Date.parse(s.scheduledEnd) <= nowMs ? "overdue" : "upcoming";
}

export interface SessionGroups {
  /** Time over, not completed: oldest first. */
  overdue: SessionDoc[];
  /** Not over yet (in progress or to come): soonest first. */
  upcoming: SessionDoc[];
  /** Latest first. */
  completed: SessionDoc[];
  /** Recently planned ones, latest first, at most MAX_CANCELLED_SHOWN. */
  cancelled: SessionDoc[];
}

const byStart = (a: SessionDoc, b: SessionDoc) => a.scheduledStart.localeCompare(b.scheduledStart);

export function groupSessions(all: readonly SessionDoc[], nowMs: number): SessionGroups {
  const sorted = [...all].sort(byStart);
  const of = (p: Phase) => sorted.filter((s) => phaseOf(s, nowMs) === p);
  const since = nowMs - RECENT_CANCELLED_DAYS * DAY_MS;
  return {
    overdue: of("overdue"),
    upcoming: of("upcoming"),
    completed: of("completed").reverse(),
    cancelled: of("cancelled")
      .filter((s) => Date.parse(s.scheduledStart) >= since)
      .reverse()
      .slice(0, MAX_CANCELLED_SHOWN),
  };
}

export interface SessionsLeft {
  /** null: the course sets no limit. */
  left: number | null;
  used: number;
  /** Bookings written on this device the server has not decided yet (they will count). */
  pending: number;
}

export function sessionsLeft(
  sessionCount: number | null,
  enrollmentId: string,
  sessions: readonly SessionDoc[],
  requests: readonly RequestDoc[],
): SessionsLeft {
  const used = sessions.filter(
    (s) => s.enrollmentId === enrollmentId && countsAgainstEnrollment(s),
  );
  const pending = requests.filter(
    (r) => r.kind === "book" && r.status === "requested" && r.enrollmentId === enrollmentId,
  );
  return {
    left: remainingSessions(sessionCount, used.length + pending.length),
    used: used.length,
    pending: pending.length,
  };
}
