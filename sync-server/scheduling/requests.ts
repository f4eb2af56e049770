/**
 * Requests made online through the API go the same way as those a device pushes: stored
 * as a `session_requests` row and decided in the same transaction, so the device sees
 * them too and there is one decision path.
 */
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { SessionRequestKind } from "../../shared/sync/collections/session-requests";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { sessionRequests } from "../db/schema";
import { decideRequest, type Outcome, recordOutcome } from "./decide";

export interface RequestFields {
  kind: SessionRequestKind;
  teacherId?: string | null;
  enrollmentId?: string | null;
  targetSessionId?: string | null;
  start?: Date | null;
  end?: Date | null;
  rating?: number | null;
  comment?: string | null;
  reason?: string | null;
}

export async function submitRequest(
  db: Db,
  config: Config,
  userId: string,
  fields: RequestFields,
  now: () => Date = () => new Date(),
): Promise<Outcome & { requestId: string }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(sessionRequests)
      .values({ id: uuidv7(), userId, ...fields })
      .returning();
    if (!row) throw new Error("session request not stored");
    const at = now();
    // Online: the caller gets the outcome as the answer (a decline is a 409, not a notice).
    const outcome = await decideRequest({ tx, config, now: at, online: true }, row);
    await recordOutcome(tx, row.id, outcome, at);
    return { ...outcome, requestId: row.id };
  });
}
