/**
 * Sync bookkeeping (see README.md, "Sync"). Written by database triggers and the
 * sync routes only; never synced to devices.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { tz } from "./columns";

/** Postgres' 64-bit transaction id; read and written as a decimal string. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

/** Positions in the change order; assigned by the capture triggers. */
export const syncPositionSeq = pgSequence("sync_position_seq");

/**
 * The change index: one row per (collection, document, scope), holding the position of the
 * document's latest change in that scope. It is at once the change feed (rows after a
 * checkpoint) and the scope → documents index (all rows of a scope), compacted by nature.
 *   removed: the document left this scope (e.g. a session's teacher changed);
 *   deleted: the document itself was deleted (soft or hard).
 * Pulls serve only rows whose transaction is older than every running one (xid < xmin), so
 * a transaction that commits late can never land behind a device's checkpoint.
 */
export const syncChanges = pgTable(
  "sync_changes",
  {
    collection: text("collection").notNull(),
    docId: uuid("doc_id").notNull(),
    scope: text("scope").notNull(),
    position: bigint("position", { mode: "number" }).notNull(),
    xid: xid8("xid").notNull(),
    removed: boolean("removed").notNull().default(false),
    deleted: boolean("deleted").notNull().default(false),
    changedAt: tz("changed_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.collection, t.docId, t.scope] }),
    index("sync_changes_feed_idx").on(t.collection, t.scope, t.xid, t.position),
    index("sync_changes_purge_idx").on(t.changedAt).where(sql`${t.removed} OR ${t.deleted}`),
  ],
);

/**
 * Sets of scopes a device is caught up on, addressed by their hash. Checkpoints carry the
 * hash, so they stay small however many scopes a user has (a creator: one per course).
 */
export const syncScopeSets = pgTable("sync_scope_sets", {
  hash: text("hash").primaryKey(),
  scopes: text("scopes").array().notNull(),
  createdAt: tz("created_at").notNull().defaultNow(),
  lastUsedAt: tz("last_used_at").notNull().defaultNow(),
});

/** Small server-wide sync facts, e.g. the tombstone purge horizon. */
export const syncState = pgTable("sync_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

/** Refused push rows, for the admin's sync health page. */
export const syncRejections = pgTable(
  "sync_rejections",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    collection: text("collection").notNull(),
    docId: text("doc_id").notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [index().on(t.at)],
);
