/**
 * Notifications about sessions, written in the caller's transaction (they sync to devices).
 * Times in them are written in each reader's own time zone (users.timezone; UTC when it is
 * unset or unknown), with the zone named, because a notice — and the email copied from it —
 * is read as text, where the PWA cannot convert it.
 */
import { inArray } from "drizzle-orm";
import type { NotificationType } from "../../shared/domain/enums";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { isValidTimeZone } from "../../shared/scheduling/time-zones";
import type { Db } from "../db/database";
import { notifications, users } from "../db/schema";

/** Writes an instant as the reader reads it. */
export type When = (d: Date) => string;

export interface SessionNotice {
  userId: string;
  type: NotificationType;
  title: string;
  /** The text; as a function, it is given the reader's `When` to put times in. */
  body: string | ((when: When) => string);
  actionUrl?: string;
}

export async function notify(tx: Db, notices: SessionNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const zones = await readerZones(
    tx,
    notices.map((n) => n.userId),
  );
  await tx.insert(notifications).values(
    notices.map((n) => ({
      id: uuidv7(),
      userId: n.userId,
      type: n.type,
      title: n.title,
      body: typeof n.body === "string" ? n.body : n.body(whenFor(zones.get(n.userId))),
      actionUrl: n.actionUrl ?? "/sessions",
    })),
  );
}

/** Each user's time zone, UTC for an unknown one (so a bad value never breaks a decision). */
export async function readerZones(tx: Db, userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, timezone: users.timezone })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, isValidTimeZone(r.timezone) ? r.timezone : "UTC"]));
}

export const whenFor =
  (timeZone = "UTC"): When =>
  (d) =>
    whenIn(d, timeZone);

/**
 * "Mon, 22 Mar 2027, 15:00 CET (Europe/Berlin)"; "Mon, 22 Mar 2027, 10:00 GMT-4
 * (America/New_York)"; "Mon, 22 Mar 2027, 14:00 UTC". The abbreviation shows summer or
 * winter time, the IANA name says which place.
 */
export function whenIn(d: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const text = d.toLocaleString("en-GB", {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  return zone === "UTC" ? text : `${text} (${zone})`;
}
