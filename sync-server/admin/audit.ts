/**
 * The admin audit log: one row per admin action, written in the same transaction as the
 * action so a change without its audit row cannot exist. Append-only: this module has no
 * update or delete, and the database refuses them (migration 0005_admin_audit_append_only).
 */
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { adminAuditLog } from "../db/schema";

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

/** Anything a transaction callback receives can write the audit row. */
type Writer = Pick<Db, "insert">;

/** Dates become ISO strings; secrets never reach the log. */
function snapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      key === "passwordHash" || key === "tokenHash" ? undefined : v,
    ),
  );
}

export async function writeAudit(db: Writer, entry: AuditEntry): Promise<string> {
  const id = uuidv7();
  await db.insert(adminAuditLog).values({
    id,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: snapshot(entry.before),
    after: snapshot(entry.after),
  });
  return id;
}
