/**
 * Requests about 1-on-1 sessions that a device writes — also offline — and the server
 * decides (DESIGN "offline actions that need the server's authority"): book a time,
 * reschedule or cancel a session, rate a completed one. The device creates a request with
 * status `requested`; the server decides it once, in the push that brings it, and writes
 * `confirmed` (with the resulting session) or `declined` (with a reason code and message),
 * which syncs back. Requests are never edited or deleted by devices.
 */
import { z } from "zod";
import { DECLINE_REASON_CODES } from "../../scheduling/policy";
import { defineCollection } from "../collection";
import { ISO_TIME_MAX, id, isoTime, text } from "../fields";

export const SESSION_REQUEST_KINDS = ["book", "reschedule", "cancel", "rate"] as const;
export type SessionRequestKind = (typeof SESSION_REQUEST_KINDS)[number];
export const SESSION_REQUEST_STATUSES = ["requested", "confirmed", "declined"] as const;
export type SessionRequestStatus = (typeof SESSION_REQUEST_STATUSES)[number];

export const sessionRequests = defineCollection({
  name: "sessionRequests",
  version: 0,
  schema: z.object({
    id: id(),
    /** Who asks: the learner (book, reschedule, cancel, rate) or the teacher (cancel, rate). */
    userId: id(),
    kind: z.enum(SESSION_REQUEST_KINDS),
    /** book: the teacher and enrollment to book with. */
    teacherId: id().nullable(),
    enrollmentId: id().nullable(),
    /** reschedule, cancel, rate: the session concerned. */
    targetSessionId: id().nullable(),
    /** book, reschedule: the wanted time. */
    start: isoTime().nullable(),
    end: isoTime().nullable(),
    /** rate: 1–5 and an optional comment. */
    rating: z.number().int().min(1).max(5).nullable(),
    comment: text(5000).nullable(),
    /** cancel: why (shown to the other side). */
    reason: text(2000).nullable(),
    // Set by the server:
    status: z.enum(SESSION_REQUEST_STATUSES),
    declineCode: z.enum(DECLINE_REASON_CODES).nullable(),
    declineMessage: text(500).nullable(),
    /** The session booked (book, reschedule) or concerned (cancel, rate). */
    sessionId: id().nullable(),
    createdAt: isoTime(),
    decidedAt: isoTime().nullable(),
  }),
  indexes: [["createdAt"]],
  indexedMaxLength: { createdAt: ISO_TIME_MAX },
  scopeKinds: ["user"],
  write: {
    create: true,
    update: false,
    delete: false,
    editable: [
      "kind",
      "teacherId",
      "enrollmentId",
      "targetSessionId",
      "start",
      "end",
      "rating",
      "comment",
      "reason",
    ],
  },
  conflict: "server-wins",
});
