/** Seed entity: notifications (a user's inbox). */
import { boolean, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz } from "./columns";
import { notificationType } from "./enums";
import { users } from "./users";

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: notificationType("type").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    actionUrl: text("action_url"),
    isRead: boolean("is_read").notNull().default(false),
    /** Added: when it was read (NULL while unread). */
    readAt: tz("read_at"),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.userId, t.createdAt), index().on(t.userId, t.isRead)],
);
