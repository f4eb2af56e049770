/**
 * What each change to a session tells the other side (README "Sessions"): one place for
 * the texts, so every path — booking, decline, cancel, reschedule, start, completion,
 * rating, withdrawal — is written the same way, with times in each reader's zone.
 */
import { DECLINE_REASONS, type DeclineReason } from "../../shared/scheduling/policy";
import type { SessionRequestKind } from "../../shared/sync/collections/session-requests";
import type { SessionNotice } from "./notify";

interface About {
  course: string;
  start: Date;
}

const because = (reason: string | null | undefined) => (reason ? ` Reason: ${reason}` : "");

/** A confirmed booking: the learner (who asked, maybe offline) and the teacher. */
export function bookedNotices(a: About & { learnerId: string; teacherId: string }) {
  return [
    {
      userId: a.learnerId,
      type: "session_booked",
      title: "Session confirmed",
      body: (when) => `Your ${a.course} session on ${when(a.start)} is confirmed.`,
    },
    {
      userId: a.teacherId,
      type: "session_booked",
      title: "New session booked",
      body: (when) => `A learner booked a ${a.course} session with you on ${when(a.start)}.`,
    },
  ] satisfies SessionNotice[];
}

const ASKED: Record<SessionRequestKind, string> = {
  book: "booking",
  reschedule: "move of your session",
  cancel: "cancellation",
  rate: "rating",
};

/**
 * A declined request made from a device: the requester may have asked offline and not be
 * looking, so they are told why. (Online, the API's 409 is the answer itself.)
 */
export function declinedNotice(a: {
  userId: string;
  kind: SessionRequestKind;
  code: DeclineReason;
  start: Date | null;
}): SessionNotice {
  return {
    userId: a.userId,
    type: a.kind === "rate" ? "session_assessment" : "session_booked",
    title: a.kind === "book" ? "Booking declined" : "Request declined",
    body: (when) =>
      `Your ${ASKED[a.kind]}${a.start && a.kind !== "cancel" ? ` for ${when(a.start)}` : ""} was declined: ${DECLINE_REASONS[a.code]}`,
  };
}

export function movedNotice(a: About & { to: string; from: Date }): SessionNotice {
  return {
    userId: a.to,
    type: "session_booked",
    title: "Session moved",
    body: (when) => `Your ${a.course} session on ${when(a.from)} moved to ${when(a.start)}.`,
  };
}

export function cancelledNotice(
  a: About & { to: string; byTeacher: boolean; reason: string | null },
): SessionNotice {
  return {
    userId: a.to,
    type: "session_cancelled",
    title: "Session cancelled",
    body: (when) =>
      a.byTeacher
        ? `Your teacher cancelled the ${a.course} session on ${when(a.start)}. It does not count against your sessions; book another time.${because(a.reason)}`
        : `Your learner cancelled the ${a.course} session on ${when(a.start)}.${because(a.reason)}`,
  };
}

/** The teacher opened the room: the learner is told, with the link to join. */
export function startedNotice(a: About & { to: string; joinUrl: string | null }): SessionNotice {
  return {
    userId: a.to,
    type: "session_reminder",
    title: "Your session has started",
    body: (when) =>
      `Your teacher started the ${a.course} session of ${when(a.start)}. Join now${a.joinUrl ? `: ${a.joinUrl}` : " from the Sessions screen."}`,
  };
}

export function completedNotice(a: { to: string; course: string }): SessionNotice {
  return {
    userId: a.to,
    type: "session_assessment",
    title: "How was your session?",
    body: `Your ${a.course} session is complete. Rate it from the Sessions screen.`,
  };
}

export function ratedNotice(a: { to: string; course: string; rating: number }): SessionNotice {
  return {
    userId: a.to,
    type: "session_assessment",
    title: "You were rated",
    body: `You received ${a.rating}/5 for your ${a.course} session.`,
  };
}

/** A session withdrawn by a change of the enrollment (refund, new teacher): both sides. */
export function withdrawnNotices(
  a: About & { learnerId: string; teacherId: string; reason: string },
): SessionNotice[] {
  const what = (when: (d: Date) => string) =>
    `The ${a.course} session on ${when(a.start)} was cancelled: ${a.reason}.`;
  return [
    {
      userId: a.learnerId,
      type: "session_cancelled",
      title: "Session cancelled",
      body: (when) => `${what(when)} It does not count against your sessions.`,
    },
    { userId: a.teacherId, type: "session_cancelled", title: "Session cancelled", body: what },
  ];
}
