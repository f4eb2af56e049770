/**
 * Booking and cancellation rules both sides agree on. Pure: the caller passes the clock.
 */
import { HOUR_MS } from "./time-zones";

/**
 * Free cancellation: a session may be cancelled (or moved) without counting as used when
 * at least `freeHours` remain before its start — exactly 12h00m00.000s before is still
 * free; one millisecond later it is not.
 */
export function isFreeCancellation(start: Date, now: Date, freeHours: number): boolean {
  return start.getTime() - now.getTime() >= freeHours * HOUR_MS;
}

/** Sessions last between 15 minutes and 3 hours. */
export const SESSION_MIN_MS = 15 * 60_000;
export const SESSION_MAX_MS = 3 * HOUR_MS;

/** A rating of a session (each side rates the other once): a whole number on this scale. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** The choices a rating form offers: 1, 2, 3, 4, 5. */
export const RATING_SCALE: readonly number[] = Array.from(
  { length: RATING_MAX - RATING_MIN + 1 },
  (_, i) => RATING_MIN + i,
);

export function isValidRating(rating: unknown): rating is number {
  return (
    typeof rating === "number" &&
    Number.isInteger(rating) &&
    rating >= RATING_MIN &&
    rating <= RATING_MAX
  );
}

/**
 * Why a booking request (or another request about a session) was declined. Devices show
 * the message; they may switch on the code.
 */
export const DECLINE_REASONS = {
  slot_taken: "That time was just booked by someone else. Please pick another time.",
  outside_availability: "Your teacher is not available at that time.",
  in_the_past: "That time has already passed.",
  invalid_length: "A session lasts between 15 minutes and 3 hours.",
  not_enrolled: "You are not enrolled with this teacher in an active course.",
  no_sessions_left: "You have used all the sessions included in this course.",
  learner_busy: "You already have another session at that time.",
  session_not_found: "That session could not be found.",
  not_participant: "Only the learner and the teacher of this session can do this.",
  not_cancellable: "This session can no longer be changed.",
  not_completed: "You can rate a session once it is completed.",
  already_rated: "You have already rated this session.",
  invalid_rating: `A rating is a whole number from ${RATING_MIN} to ${RATING_MAX}.`,
} as const;
export type DeclineReason = keyof typeof DECLINE_REASONS;
export const DECLINE_REASON_CODES = Object.keys(DECLINE_REASONS) as [
  DeclineReason,
  ...DeclineReason[],
];
