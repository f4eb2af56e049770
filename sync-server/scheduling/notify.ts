/** Notifications about sessions, written in the caller's transaction (they sync to devices). */

import type { NotificationType } from "../../shared/domain/enums";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { notifications } from "../db/schema";

export interface SessionNotice {
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
}

export async function notify(tx: Db, notices: SessionNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await tx
    .insert(notifications)
    .values(notices.map((n) => ({ id: uuidv7(), ...n, actionUrl: "/sessions" })));
}

/** "Tue, 3 Mar 2026, 15:00 UTC": notices are read on many devices; the PWA shows local time. */
export function whenUtc(d: Date): string {
  return `${d.toLocaleString("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  })} UTC`;
}
