/** Direct messages. Seed entities: conversations, conversation_participants, messages. */
import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz, updatedAt } from "./columns";
import { users } from "./users";

export const conversations = pgTable("conversations", {
  id: id(),
  createdAt: createdAt(),
  /** Last message time. */
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
});

/** Membership; leaving a conversation soft-deletes the row (re-joining adds a new one). */
export const conversationParticipants = pgTable(
  "conversation_participants",
  {
    id: id(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    joinedAt: tz("joined_at").notNull().defaultNow(),
    lastReadAt: tz("last_read_at"),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("conversation_participants_conversation_id_user_id_key")
      .on(t.conversationId, t.userId)
      .where(sql`${t.deletedAt} IS NULL`),
    index().on(t.conversationId),
    index().on(t.userId),
  ],
);

/** Append-only (client-generated ids); "deleting" a message soft-deletes it. */
export const messages = pgTable(
  "messages",
  {
    id: id(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    senderId: uuid("sender_id")
      .notNull()
      .references(() => users.id),
    content: text("content").notNull(),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.conversationId, t.createdAt), index().on(t.senderId)],
);
