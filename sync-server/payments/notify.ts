/** Money notifications: rows in the user's inbox (synced to their devices). */
import type { NotificationType } from "../../shared/domain/enums";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { notifications } from "../db/schema";

export interface Note {
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  actionUrl?: string;
}

export async function notify(tx: Db, notes: Note[]): Promise<void> {
  // One person may hold two roles in a sale (creator who teaches): one note each is enough.
  const seen = new Set<string>();
  const rows = notes.filter((n) => {
    const key = `${n.userId}:${n.type}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!rows.length) return;
  await tx.insert(notifications).values(
    rows.map((n) => ({
      id: uuidv7(),
      userId: n.userId,
      type: n.type,
      title: n.title,
      body: n.body,
      actionUrl: n.actionUrl ?? null,
    })),
  );
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}
