/**
 * Session requests written on the device — also offline. Each is a `sessionRequests`
 * document with status `requested`; the server decides it when it arrives and the outcome
 * (confirmed, or declined with a reason) syncs back. The UI shows it as pending until then.
 */
import { uuidv7 } from "../../../shared/ids/uuidv7";
import type { SessionRequestKind } from "../../../shared/sync/collections/session-requests";
import type { PeerloopCollections, PeerloopDoc } from "../../sync/database";

type Db = { collections: Pick<PeerloopCollections, "sessionRequests"> };
type Request = PeerloopDoc<"sessionRequests">;
type Fields = Partial<
  Pick<
    Request,
    | "teacherId"
    | "enrollmentId"
    | "targetSessionId"
    | "start"
    | "end"
    | "rating"
    | "comment"
    | "reason"
  >
>;

const blank: Omit<Request, "id" | "userId" | "kind" | "createdAt"> = {
  teacherId: null,
  enrollmentId: null,
  targetSessionId: null,
  start: null,
  end: null,
  rating: null,
  comment: null,
  reason: null,
  status: "requested",
  declineCode: null,
  declineMessage: null,
  sessionId: null,
  decidedAt: null,
};

async function insert(db: Db, userId: string, kind: SessionRequestKind, fields: Fields) {
  const id = uuidv7();
  await db.collections.sessionRequests.insert({
    ...blank,
    ...fields,
    kind,
    id,
    userId,
    createdAt: new Date().toISOString(),
  });
  return id;
}

export function requestBooking(
  db: Db,
  userId: string,
  b: { teacherId: string; enrollmentId: string; start: string; end: string },
) {
  return insert(db, userId, "book", b);
}

export function requestReschedule(
  db: Db,
  userId: string,
  r: { sessionId: string; start: string; end: string },
) {
  return insert(db, userId, "reschedule", {
    targetSessionId: r.sessionId,
    start: r.start,
    end: r.end,
  });
}

export function requestCancel(db: Db, userId: string, sessionId: string, reason: string | null) {
  return insert(db, userId, "cancel", { targetSessionId: sessionId, reason });
}

export function requestRating(
  db: Db,
  userId: string,
  r: { sessionId: string; rating: number; comment: string | null },
) {
  return insert(db, userId, "rate", {
    targetSessionId: r.sessionId,
    rating: r.rating,
    comment: r.comment,
  });
}
