/** What the app does on a device, as local writes (the UI's actions, minus the UI). */
import type { PeerloopCollections } from "../../client/sync/database";
import { progressId } from "../../shared/ids/derived-id";
import { uuidv7 } from "../../shared/ids/uuidv7";

/** Any device database that has opened collection(s) `K`. */
type Db<K extends keyof PeerloopCollections> = { collections: Pick<PeerloopCollections, K> };
const now = () => new Date().toISOString();

export async function setModuleComplete(
  db: Db<"progress">,
  enrollmentId: string,
  moduleId: string,
  complete: boolean,
  at = now(),
) {
  const id = progressId(enrollmentId, moduleId);
  const existing = await db.collections.progress.findOne(id).exec();
  const change = complete
    ? { isComplete: true, completedAt: at }
    : { isComplete: false, uncheckedAt: at };
  if (existing) {
    await existing.incrementalModify((d) => ({ ...d, ...change }));
  } else {
    await db.collections.progress.insert({
      id,
      enrollmentId,
      moduleId,
      completedAt: null,
      uncheckedAt: null,
      updatedAt: at,
      ...change,
    });
  }
  return id;
}

export async function sendMessage(
  db: Db<"messages">,
  conversationId: string,
  senderId: string,
  content: string,
) {
  const id = uuidv7();
  await db.collections.messages.insert({ id, conversationId, senderId, content, createdAt: now() });
  return id;
}

export async function markRead(
  db: Db<"conversations">,
  conversationId: string,
  userId: string,
  at = now(),
) {
  const conv = await db.collections.conversations.findOne(conversationId).exec();
  if (!conv) throw new Error(`no conversation ${conversationId} on this device`);
  await conv.incrementalModify((d) => ({
    ...d,
    participants: d.participants.map((p) => (p.userId === userId ? { ...p, lastReadAt: at } : p)),
  }));
}
