/**
 * What may happen to a session now, by its status and the clock: the server decides with
 * these rules (sync-server/scheduling/complete.ts, decide.ts, facts.ts) and the PWA offers
 * only what they allow (client/app/sessions/actions.ts). Pure: the caller passes the clock.
 */
import type { SessionStatus } from "../domain/enums";
import { MINUTE_MS } from "./time-zones";

/** A teacher may open the room (→ in_progress) from this long before the start. */
export const START_EARLY_MS = 15 * MINUTE_MS;

/** Sessions that hold their participants' time: no one else may be booked over them. */
export const ACTIVE_SESSION_STATUSES = [
  "scheduled",
  "in_progress",
] as const satisfies readonly SessionStatus[];

export function occupiesTime(status: SessionStatus): boolean {
  return (ACTIVE_SESSION_STATUSES as readonly SessionStatus[]).includes(status);
}

/** Only a scheduled session may be cancelled or moved: one in progress runs its course. */
export function isChangeable(status: SessionStatus): boolean {
  return status === "scheduled";
}

export interface SessionClock {
  status: SessionStatus;
  /** The planned start, epoch ms. */
  startMs: number;
}

export type LifecycleRefusal = "wrong_status" | "not_started";

/** Why the teacher may not start the session now (null: they may). */
export function startRefusal(s: SessionClock, nowMs: number): LifecycleRefusal | null {
  if (s.status !== "scheduled") return "wrong_status";
  return nowMs < s.startMs - START_EARLY_MS ? "not_started" : null;
}

/**
 * Why the teacher may not mark the session completed now (null: they may) — from its
 * start on, also long after its end, whether or not it was started first.
 */
export function completionRefusal(s: SessionClock, nowMs: number): LifecycleRefusal | null {
  if (!occupiesTime(s.status)) return "wrong_status";
  return nowMs < s.startMs ? "not_started" : null;
}
