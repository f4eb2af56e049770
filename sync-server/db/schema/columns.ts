/** Column helpers shared by the schema files (house conventions, see docs/data-model.md). */
import { sql } from "drizzle-orm";
import { integer, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** UTC timestamptz, read as a JS Date. */
export const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Primary key. Code generates UUIDv7 ids (shared/ids/uuidv7.ts); the database default is
 * only for operators typing SQL.
 */
export const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);

/** Record-creation / last-update stamps. */
export const createdAt = () => tz("created_at").notNull().defaultNow();
export const updatedAt = () => tz("updated_at").notNull().defaultNow();

/** Soft delete: set instead of DELETE, so the sync engine can ship a tombstone. */
export const deletedAt = () => tz("deleted_at");

/** Sort order within a parent (the seed's display_order). */
export const displayOrder = () => integer("display_order").notNull().default(0);

/** ISO 4217 code, upper-case, default USD. Pair with a `currencyCheck`. */
export const currency = () => text("currency").notNull().default("USD");
