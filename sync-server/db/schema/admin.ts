/**
 * The admin dashboard's own tables: the append-only audit log of admin actions and the
 * per-minute sync traffic counters behind the sync-health and overview charts.
 * Never synced to devices.
 */
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { tz } from "./columns";
import { users } from "./users";

/**
 * Every admin action: who, what, on which record, when, and the record before and after.
 * Append-only: a trigger (migration `admin_audit_append_only`) rejects UPDATE and DELETE.
 */
export const adminAuditLog = pgTable(
  "admin_audit_log",
  {
    id: uuid("id").primaryKey(),
    actorId: uuid("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [index().on(t.at), index().on(t.targetType, t.targetId), index().on(t.actorId)],
);

/**
 * Sync traffic per minute (UTC, truncated) and kind: pulls, pushes, rejected rows,
 * conflicts. One upsert per request adds to the minute's row, so every server process
 * contributes and the figures survive restarts.
 */
export const syncMetrics = pgTable(
  "sync_metrics",
  {
    minute: tz("minute").notNull(),
    kind: text("kind").notNull(),
    count: bigint("count", { mode: "number" }).notNull().default(0),
    /** Documents moved (pulled or pushed) in that minute. */
    docs: integer("docs").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.minute, t.kind] }), index().on(t.kind, t.minute)],
);
