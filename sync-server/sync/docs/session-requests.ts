/**
 * Session requests from devices (book, reschedule, cancel, rate). The push stores each
 * request and decides it in the same transaction (scheduling/decide.ts), so the device's
 * next pull brings `confirmed` or `declined` with a reason — whatever the timing, once.
 */
import { sessionRequests as sessionRequestsDecl } from "../../../shared/sync/collections/session-requests";
import { loadConfig } from "../../config";
import { sessionRequests } from "../../db/schema";
import { decideRequest, recordOutcome } from "../../scheduling/decide";
import {
  anyUuid,
  byId,
  forbidden,
  invalid,
  iso,
  OK,
  type ServerCollection,
  type Verdict,
  type Write,
} from "./types";

/** What each kind must carry; anything else is an invalid document, refused at push. */
function checkShape(w: Write): Verdict {
  const d = w.doc;
  const has = (k: string) => d[k] !== null && d[k] !== undefined;
  switch (d.kind) {
    case "book":
      if (!has("teacherId") || !has("enrollmentId") || !has("start") || !has("end"))
        return invalid("A booking needs teacherId, enrollmentId, start and end.");
      return OK;
    case "reschedule":
      if (!has("targetSessionId") || !has("start") || !has("end"))
        return invalid("A reschedule needs targetSessionId, start and end.");
      return OK;
    case "cancel":
      return has("targetSessionId") ? OK : invalid("A cancellation needs targetSessionId.");
    case "rate":
      if (!has("targetSessionId") || !has("rating"))
        return invalid("A rating needs targetSessionId and rating (1–5).");
      return OK;
    default:
      return invalid("Unknown request kind.");
  }
}

const date = (v: unknown) => (typeof v === "string" ? new Date(v) : null);
const str = (v: unknown) => (typeof v === "string" ? v : null);

export const sessionRequestsCollection: ServerCollection = {
  decl: sessionRequestsDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(sessionRequests).where(anyUuid(sessionRequests.id, ids));
    return byId(rows, (r) => ({
      id: r.id,
      userId: r.userId,
      kind: r.kind,
      teacherId: r.teacherId,
      enrollmentId: r.enrollmentId,
      targetSessionId: r.targetSessionId,
      start: iso(r.start),
      end: iso(r.end),
      rating: r.rating,
      comment: r.comment,
      reason: r.reason,
      status: r.status,
      declineCode: r.declineCode,
      declineMessage: r.declineMessage,
      sessionId: r.sessionId,
      createdAt: r.createdAt.toISOString(),
      decidedAt: iso(r.decidedAt),
      _deleted: false,
    }));
  },
  writer: {
    async authorize(_db, userId, writes) {
      return writes.map((w) =>
        w.doc.userId !== userId ? forbidden("You can only make your own requests.") : checkShape(w),
      );
    },
    async apply(tx, userId, writes, ctx) {
      const config = ctx?.config ?? loadConfig({});
      for (const w of writes) {
        const d = w.doc;
        // Server-owned fields (status, outcome, createdAt) are the server's, whatever was sent.
        const [row] = await tx
          .insert(sessionRequests)
          .values({
            id: d.id,
            userId,
            kind: d.kind as "book",
            teacherId: str(d.teacherId),
            enrollmentId: str(d.enrollmentId),
            targetSessionId: str(d.targetSessionId),
            start: date(d.start),
            end: date(d.end),
            rating: typeof d.rating === "number" ? d.rating : null,
            comment: str(d.comment),
            reason: str(d.reason),
          })
          .returning();
        if (!row) continue;
        const now = new Date();
        await recordOutcome(tx, row.id, await decideRequest({ tx, config, now }, row), now);
      }
    },
  },
};
