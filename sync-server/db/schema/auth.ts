/**
 * Tables the product needs that the seed schema does not list: sign-in sessions, one-time
 * email tokens, the login-attempt log behind rate limiting, the email outbox and the Stripe
 * event ids that make webhooks idempotent. Documented in docs/data-model.md.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A signed-in device or browser. Only the SHA-256 of the token is stored. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    userAgent: text("user_agent"),
    ip: text("ip"),
    createdAt: tz("created_at").notNull().defaultNow(),
    lastSeenAt: tz("last_seen_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    revokedAt: tz("revoked_at"),
    /** Added (admin): last sync request from this device, written at most once a minute. */
    lastSyncAt: tz("last_sync_at"),
  },
  (t) => [
    uniqueIndex("auth_sessions_token_hash_key").on(t.tokenHash),
    index().on(t.userId),
    /** Added (admin): "devices syncing now" reads the last few minutes of this. */
    index().on(t.lastSyncAt),
  ],
);

export const authTokenPurpose = pgEnum("auth_token_purpose", ["verify_email", "reset_password"]);

/** Single-use tokens sent by email (verification, password reset). Stored hashed. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: authTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    usedAt: tz("used_at"),
  },
  (t) => [uniqueIndex("auth_tokens_token_hash_key").on(t.tokenHash), index().on(t.userId)],
);

/** Every login attempt, kept for rate limiting and for the admin's eyes. */
export const authLoginAttempts = pgTable(
  "auth_login_attempts",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    ip: text("ip"),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: tz("attempted_at").notNull().defaultNow(),
  },
  (t) => [index().on(t.email, t.attemptedAt), index().on(t.ip, t.attemptedAt)],
);

export const emailStatus = pgEnum("email_status", ["pending", "sent", "failed", "logged"]);

/**
 * Every email the server sends or would send. Without SMTP configured the row is marked
 * `logged` (the body went to the log instead), so a fresh machine can still follow links.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    kind: text("kind").notNull(),
    status: emailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** When the latest attempt was claimed: retries back off from it (email/retry.ts). */
    lastAttemptAt: tz("last_attempt_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
    sentAt: tz("sent_at"),
  },
  (t) => [index().on(t.status, t.createdAt)],
);

/** Stripe (or local provider) webhook event ids already handled: replays become no-ops. */
export const stripeEvents = pgTable("stripe_events", {
  eventId: text("event_id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: tz("received_at").notNull().default(sql`now()`),
  processedAt: tz("processed_at"),
});
