/** Conversations, messages and notifications. */
import { z } from "zod";
import { NOTIFICATION_TYPES } from "../../domain/enums";
import { defineCollection } from "../collection";
import { ISO_TIME_MAX, id, isoTime, text } from "../fields";

const participant = z.object({
  userId: id(),
  joinedAt: isoTime(),
  lastReadAt: isoTime().nullable(),
});
const conversationSchema = z.object({
  id: id(),
  createdAt: isoTime(),
  /** Time of the last message (server-set). */
  updatedAt: isoTime(),
  participants: z.array(participant).min(1).max(50),
});
export type ConversationDoc = z.output<typeof conversationSchema>;

/** Read markers only move forward, per participant; all else is the server's. */
export function mergeConversation(master: ConversationDoc, fork: ConversationDoc): ConversationDoc {
  const later = (a: string | null, b: string | null) =>
    a === null ? b : b === null ? a : a > b ? a : b;
  return {
    ...master,
    participants: master.participants.map((p) => {
      const mine = fork.participants.find((f) => f.userId === p.userId);
      return mine ? { ...p, lastReadAt: later(p.lastReadAt, mine.lastReadAt) } : p;
    }),
  };
}

/**
 * A device may start a direct conversation (two participants, its id derived from the pair:
 * shared/ids/derived-id.ts) with someone it deals with, and move its own read marker.
 */
export const conversations = defineCollection({
  name: "conversations",
  version: 0,
  schema: conversationSchema,
  indexes: [["updatedAt"]],
  indexedMaxLength: { updatedAt: ISO_TIME_MAX },
  scopeKinds: ["conversation"],
  write: { create: true, update: true, delete: false, editable: ["participants"] },
  conflict: mergeConversation,
});

/** Append-only. The server stamps `createdAt` on arrival; ids are the client's (UUIDv7). */
export const messages = defineCollection({
  name: "messages",
  version: 0,
  schema: z.object({
    id: id(),
    conversationId: id(),
    senderId: id(),
    content: text(10_000).min(1),
    createdAt: isoTime(),
  }),
  indexes: [["conversationId", "createdAt"]],
  indexedMaxLength: { createdAt: ISO_TIME_MAX },
  scopeKinds: ["conversation"],
  write: { create: true, update: false, delete: false, editable: ["content"] },
  conflict: "server-wins",
});

const notificationSchema = z.object({
  id: id(),
  userId: id(),
  type: z.enum(NOTIFICATION_TYPES),
  title: text(300),
  body: text(5000),
  actionUrl: text(2000).nullable(),
  isRead: z.boolean(),
  readAt: isoTime().nullable(),
  createdAt: isoTime(),
});
export type NotificationDoc = z.output<typeof notificationSchema>;

/** Once read on any device, read everywhere. */
export function mergeNotification(master: NotificationDoc, fork: NotificationDoc): NotificationDoc {
  if (master.isRead || !fork.isRead) return master;
  return { ...master, isRead: true, readAt: fork.readAt };
}

export const notifications = defineCollection({
  name: "notifications",
  version: 0,
  schema: notificationSchema,
  indexes: [["createdAt"]],
  indexedMaxLength: { createdAt: ISO_TIME_MAX },
  scopeKinds: ["user"],
  write: { create: false, update: true, delete: false, editable: ["isRead", "readAt"] },
  conflict: mergeNotification,
});
