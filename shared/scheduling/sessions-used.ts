/**
 * Which sessions count against an enrollment's `session_count` (the sessions its course
 * includes), and how many are left. The server refuses a booking by this count
 * (sync-server/scheduling/facts.ts, decide.ts); the PWA shows what is left by it
 * (client/app/sessions/grouping.ts). Pure.
 */
import type { SessionStatus } from "../domain/enums";

export interface CountedSession {
  status: SessionStatus;
  /** Set by the server on a learner's late cancellation or move. */
  countsAsUsed: boolean;
}

/**
 * Every session not cancelled counts (booked, running or held), and so does a cancelled one
 * marked `countsAsUsed`: the learner changed it too late, so the teacher's time was spent.
 */
export function countsAgainstEnrollment(s: CountedSession): boolean {
  return s.status !== "cancelled" || s.countsAsUsed;
}

/**
 * Sessions still to book when `used` count: null when the course sets no limit
 * (`session_count` NULL), never below zero. Zero means a booking is refused.
 */
export function remainingSessions(sessionCount: number | null, used: number): number | null {
  return sessionCount === null ? null : Math.max(0, sessionCount - used);
}
