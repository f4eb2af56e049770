/** Session and request documents for the Sessions screen's pure tests. */
import type { RequestDoc, SessionDoc } from "../../client/app/sessions/types";

export const ME = "00000000-0000-7000-8000-000000000001";
export const TEACHER = "00000000-0000-7000-8000-000000000002";
export const ENROLLMENT = "00000000-0000-7000-8000-000000000003";
const H = 3_600_000;
let n = 100;
const nextId = () => `00000000-0000-7000-8000-${String(++n).padStart(12, "0")}`;

/** A one-hour session starting at `start` (ISO), learner ME, teacher TEACHER. */
export function session(start: string, over: Partial<SessionDoc> = {}): SessionDoc {
  const startMs = Date.parse(start);
  return {
    id: nextId(),
    enrollmentId: ENROLLMENT,
    teacherId: TEACHER,
    studentId: ME,
    scheduledStart: new Date(startMs).toISOString(),
    scheduledEnd: new Date(startMs + H).toISOString(),
    status: "scheduled",
    bbbMeetingUrl: null,
    recordingUrl: null,
    cancelledBy: null,
    cancelReason: null,
    countsAsUsed: false,
    freeCancelUntil: new Date(startMs - 12 * H).toISOString(),
    createdAt: "2026-01-01T00:00:00.000Z",
    assessments: [],
    ...over,
  };
}

export function request(over: Partial<RequestDoc>): RequestDoc {
  return {
    id: nextId(),
    userId: ME,
    kind: "book",
    teacherId: null,
    enrollmentId: null,
    targetSessionId: null,
    start: null,
    end: null,
    rating: null,
    comment: null,
    reason: null,
    status: "requested",
    declineCode: null,
    declineMessage: null,
    sessionId: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    decidedAt: null,
    ...over,
  };
}
