/**
 * Messages written on the device. A message is append-only with a client id (UUIDv7, so it
 * sorts by creation); the server stamps its own `createdAt`. Until the server's copy comes
 * back through the pull, the message is shown as pending: the ids sent from this device are
 * kept in localStorage and dropped when the replication receives them.
 */
import { directConversationId } from "../../../shared/ids/derived-id";
import { uuidv7 } from "../../../shared/ids/uuidv7";
import { createStore } from "../lib/store";
import type { Local } from "./local";

const KEY = "peerloop.outbox";

function load(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(KEY) ?? "[]") as string[]);
  } catch {
    return new Set();
  }
}

export const outbox = createStore<ReadonlySet<string>>(load());

function save(ids: ReadonlySet<string>) {
  outbox.set(ids);
  localStorage.setItem(KEY, JSON.stringify([...ids]));
}

const watched = new WeakSet<Local>();

/** Drop ids from the outbox as the server's copies arrive. */
export function watchOutbox(local: Local): void {
  if (watched.has(local)) return;
  watched.add(local);
  local.sync.replications.messages?.received$.subscribe((doc) => {
    const id = (doc as { id?: string }).id;
    if (id && outbox.get().has(id)) {
      const next = new Set(outbox.get());
      next.delete(id);
      save(next);
    }
  });
}

export async function sendMessage(
  local: Local,
  conversationId: string,
  senderId: string,
  content: string,
): Promise<void> {
  watchOutbox(local);
  const id = uuidv7();
  save(new Set([...outbox.get(), id]));
  const now = new Date().toISOString();
  await local.db.messages.insert({ id, conversationId, senderId, content, createdAt: now });
  await markRead(local, conversationId, senderId, now);
}

/** Move my read marker forward (the collection's merge keeps the later one). */
export async function markRead(
  local: Local,
  conversationId: string,
  userId: string,
  at = new Date().toISOString(),
): Promise<void> {
  const doc = await local.db.conversations.findOne(conversationId).exec();
  if (!doc) return;
  const me = doc.participants.find((p) => p.userId === userId);
  if (!me || (me.lastReadAt !== null && me.lastReadAt >= at)) return;
  await doc.incrementalModify((d) => ({
    ...d,
    participants: d.participants.map((p) => (p.userId === userId ? { ...p, lastReadAt: at } : p)),
  }));
}

/** The direct conversation with `otherId`: found, or created on this device. */
export async function openDirectConversation(
  local: Local,
  me: string,
  otherId: string,
): Promise<string> {
  const id = directConversationId(me, otherId);
  const existing = await local.db.conversations.findOne(id).exec();
  if (existing) return id;
  const now = new Date().toISOString();
  await local.db.conversations.insert({
    id,
    createdAt: now,
    updatedAt: now,
    participants: [
      { userId: me, joinedAt: now, lastReadAt: now },
      { userId: otherId, joinedAt: now, lastReadAt: null },
    ],
  });
  return id;
}
