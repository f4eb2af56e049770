/** Conversations, messages and notifications: what devices may write, and how. */
import { and, eq, isNull, sql } from "drizzle-orm";
import { directConversationId } from "../../../shared/ids/derived-id";
import {
  conversations as conversationsDecl,
  messages as messagesDecl,
  notifications as notificationsDecl,
} from "../../../shared/sync/collections/messaging";
import { scope } from "../../../shared/sync/scopes";
import { conversationParticipants, conversations, messages, notifications } from "../../db/schema";
import { loadUserScopes } from "../rights";
import {
  anyUuid,
  byId,
  clampToNow,
  forbidden,
  groupBy,
  invalid,
  iso,
  OK,
  type ServerCollection,
  type Write,
} from "./types";

type Participant = { userId: string; joinedAt: string; lastReadAt: string | null };
const participantsOf = (w: Write) => (w.doc.participants ?? []) as Participant[];

export const conversationsCollection: ServerCollection = {
  decl: conversationsDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const [rows, parts] = await Promise.all([
      db.select().from(conversations).where(anyUuid(conversations.id, ids)),
      db
        .select()
        .from(conversationParticipants)
        .where(
          and(
            anyUuid(conversationParticipants.conversationId, ids),
            isNull(conversationParticipants.deletedAt),
          ),
        ),
    ]);
    const byConv = groupBy(parts, (p) => p.conversationId);
    return byId(rows, (c) => ({
      id: c.id,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      participants: (byConv.get(c.id) ?? [])
        .sort((a, b) => a.userId.localeCompare(b.userId))
        .map((p) => ({
          userId: p.userId,
          joinedAt: p.joinedAt.toISOString(),
          lastReadAt: iso(p.lastReadAt),
        })),
      _deleted: c.deletedAt !== null,
    }));
  },
  writer: {
    async authorize(db, userId, writes) {
      const needsScopes = writes.some((w) => w.op === "create");
      const mine = needsScopes ? await loadUserScopes(db, userId) : new Set<string>();
      return writes.map((w) => {
        const parts = participantsOf(w);
        if (w.op === "create") {
          const ids = parts.map((p) => p.userId);
          const other = ids.find((u) => u !== userId);
          if (ids.length !== 2 || !ids.includes(userId) || !other) {
            return invalid(
              "A new conversation has exactly two participants: you and one other person.",
            );
          }
          // You may write to people you deal with: your teachers, students, creators.
          if (!mine.has(scope("profile", other)))
            return forbidden("You cannot start a conversation with this person.");
          if (w.doc.id !== directConversationId(userId, other)) {
            return invalid("A direct conversation's id must be directConversationId(you, them).");
          }
          return OK;
        }
        // Update: only your own read marker may change.
        const before = (w.current?.participants ?? []) as Participant[];
        const same =
          before.length === parts.length &&
          before.every((b) => {
            const p = parts.find((x) => x.userId === b.userId);
            return (
              p &&
              p.joinedAt === b.joinedAt &&
              (b.userId === userId || p.lastReadAt === b.lastReadAt)
            );
          });
        return same
          ? OK
          : { ok: false, code: "server_owned", message: "Only your own read marker can change." };
      });
    },
    async apply(tx, userId, writes) {
      const now = new Date();
      for (const w of writes) {
        const parts = participantsOf(w);
        if (w.op === "create") {
          await tx.insert(conversations).values({ id: w.doc.id, createdAt: now, updatedAt: now });
          await tx.insert(conversationParticipants).values(
            parts.map((p) => ({
              conversationId: w.doc.id,
              userId: p.userId,
              joinedAt: now,
              lastReadAt: p.userId === userId ? clampToNow(p.lastReadAt) : null,
            })),
          );
          continue;
        }
        const mine = parts.find((p) => p.userId === userId);
        const readAt = clampToNow(mine?.lastReadAt);
        if (!readAt) continue;
        // Read markers only move forward, whichever device wrote last.
        await tx
          .update(conversationParticipants)
          .set({
            lastReadAt: sql`greatest(${conversationParticipants.lastReadAt}, ${readAt.toISOString()}::timestamptz)`,
          })
          .where(
            and(
              eq(conversationParticipants.conversationId, w.doc.id),
              eq(conversationParticipants.userId, userId),
            ),
          );
      }
    },
  },
};

export const messagesCollection: ServerCollection = {
  decl: messagesDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(messages).where(anyUuid(messages.id, ids));
    return byId(rows, (m) => ({
      id: m.id,
      conversationId: m.conversationId,
      senderId: m.senderId,
      content: m.content,
      createdAt: m.createdAt.toISOString(),
      _deleted: m.deletedAt !== null,
    }));
  },
  writer: {
    async authorize(db, userId, writes) {
      const convIds = [...new Set(writes.map((w) => String(w.doc.conversationId)))];
      const memberships = await db
        .select({ conversationId: conversationParticipants.conversationId })
        .from(conversationParticipants)
        .where(
          and(
            anyUuid(conversationParticipants.conversationId, convIds),
            eq(conversationParticipants.userId, userId),
            isNull(conversationParticipants.deletedAt),
          ),
        );
      const member = new Set(memberships.map((m) => m.conversationId));
      return writes.map((w) => {
        if (w.doc.senderId !== userId) return forbidden("You can only send messages as yourself.");
        if (!member.has(String(w.doc.conversationId)))
          return forbidden("You are not in this conversation.");
        return OK;
      });
    },
    async apply(tx, _userId, writes) {
      const now = new Date();
      await tx
        .insert(messages)
        .values(
          writes.map((w) => ({
            id: w.doc.id,
            conversationId: String(w.doc.conversationId),
            senderId: String(w.doc.senderId),
            content: String(w.doc.content),
            createdAt: now,
          })),
        )
        .onConflictDoNothing();
      const convIds = [...new Set(writes.map((w) => String(w.doc.conversationId)))];
      await tx
        .update(conversations)
        .set({ updatedAt: now })
        .where(anyUuid(conversations.id, convIds));
    },
  },
};

export const notificationsCollection: ServerCollection = {
  decl: notificationsDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(notifications).where(anyUuid(notifications.id, ids));
    return byId(rows, (n) => ({
      id: n.id,
      userId: n.userId,
      type: n.type,
      title: n.title,
      body: n.body,
      actionUrl: n.actionUrl,
      isRead: n.isRead,
      readAt: iso(n.readAt),
      createdAt: n.createdAt.toISOString(),
      _deleted: n.deletedAt !== null,
    }));
  },
  writer: {
    async authorize(_db, userId, writes) {
      return writes.map((w) =>
        w.current?.userId === userId ? OK : forbidden("Not your notification."),
      );
    },
    async apply(tx, _userId, writes) {
      for (const w of writes) {
        if (!w.doc.isRead) continue; // read stays read
        await tx
          .update(notifications)
          .set({
            isRead: true,
            readAt: sql`coalesce(${notifications.readAt}, ${(clampToNow(w.doc.readAt) ?? new Date()).toISOString()}::timestamptz)`,
          })
          .where(eq(notifications.id, w.doc.id));
      }
    },
  },
};
