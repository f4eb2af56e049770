/** In-app notifications for credential events; they reach devices through sync. */
import type { NotificationType } from "../../shared/domain/enums";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { notifications } from "../db/schema";

export interface Notice {
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  actionUrl?: string | null;
}

export async function notify(tx: Db, notices: Notice[]): Promise<void> {
  if (!notices.length) return;
  await tx.insert(notifications).values(
    notices.map((n) => ({
      id: uuidv7(),
      userId: n.userId,
      type: n.type,
      title: n.title,
      body: n.body,
      actionUrl: n.actionUrl ?? null,
    })),
  );
}
