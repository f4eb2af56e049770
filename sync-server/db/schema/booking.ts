/**
 * Session requests, reminders sent and calendar feeds (not in the seed; issue #5).
 * Sessions themselves are the seed's `sessions` table (scheduling.ts).
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { DECLINE_REASON_CODES } from "../../../shared/scheduling/policy";
import {
  SESSION_REQUEST_KINDS,
  SESSION_REQUEST_STATUSES,
} from "../../../shared/sync/collections/session-requests";
import { createdAt, id, tz, updatedAt } from "./columns";
import { sessions } from "./scheduling";
import { users } from "./users";

export const sessionRequestKind = pgEnum("session_request_kind", SESSION_REQUEST_KINDS);
export const sessionRequestStatus = pgEnum("session_request_status", SESSION_REQUEST_STATUSES);
export const sessionDeclineCode = pgEnum("session_decline_code", DECLINE_REASON_CODES);

/**
 * A device's request about a session (synced collection `sessionRequests`), decided once by
 * the server in the push transaction that brings it.
 */
export const sessionRequests = pgTable(
  "session_requests",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: sessionRequestKind("kind").notNull(),
    // Ids as the device sent them, unchecked by foreign keys: a request naming something
    // that does not exist is declined with a reason, not refused by the database.
    teacherId: uuid("teacher_id"),
    enrollmentId: uuid("enrollment_id"),
    targetSessionId: uuid("target_session_id"),
    start: tz("start"),
    end: tz("end"),
    rating: integer("rating"),
    comment: text("comment"),
    reason: text("reason"),
    status: sessionRequestStatus("status").notNull().default("requested"),
    declineCode: sessionDeclineCode("decline_code"),
    declineMessage: text("decline_message"),
    sessionId: uuid("session_id").references(() => sessions.id),
    decidedAt: tz("decided_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.userId, t.createdAt),
    index().on(t.teacherId),
    // The calendar feed follows a session's moves through the requests that made them.
    index().on(t.sessionId),
    check(
      "session_requests_declined_has_code",
      sql`(${t.status} = 'declined') = (${t.declineCode} IS NOT NULL)`,
    ),
  ],
);

export const REMINDER_KINDS = ["24h", "1h"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const reminderKind = pgEnum("session_reminder_kind", REMINDER_KINDS);

/** Each reminder of each session, claimed once (the primary key) with its notifications. */
export const sessionReminders = pgTable(
  "session_reminders",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    kind: reminderKind("kind").notNull(),
    sentAt: tz("sent_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.kind], name: "session_reminders_pkey" })],
);

/** A user's private iCalendar feed: only the SHA-256 of its URL token is kept. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique("calendar_feeds_token_hash_key"),
  createdAt: createdAt(),
});
