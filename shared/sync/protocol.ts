/**
 * The sync wire protocol: RxDB's replication protocol over HTTP (see README "Sync").
 *
 *   GET  /sync/schema                                   → the declared collections
 *   GET  /sync/:collection/pull?checkpoint=<json>&limit  → { documents, checkpoint }
 *   POST /sync/:collection/push  [{assumedMasterState?, newDocumentState}] → conflicts[]
 *   GET  /sync/stream                                   → server-sent events
 *
 * Checkpoints are opaque to the client: it stores the last one and sends it back.
 * Positions never appear inside documents (they would cause false conflicts).
 */
import { z } from "zod";

/** A position in the server's change order: (transaction id, sequence number). */
const cursor = z.object({
  /** pg xid8 as a decimal string (64-bit). */
  x: z.string().regex(/^\d{1,20}$/),
  p: z.number().int().min(0),
});
export type Cursor = z.infer<typeof cursor>;

export const checkpointSchema = z
  .object({
    ...cursor.shape,
    /** Hash of the set of scopes this device is fully caught up on (server-side registry). */
    h: z.string().regex(/^[\w-]{1,64}$/),
    /** Scopes being sent whole for the first time, with their own cursor. */
    b: z
      .object({ ...cursor.shape, h: z.string().regex(/^[\w-]{1,64}$/) })
      .nullable()
      .optional(),
  })
  .strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const PULL_DEFAULT_LIMIT = 1000;
export const PULL_MAX_LIMIT = 5000;

export const pullQuery = z.object({
  checkpoint: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
});

export interface PullResponse<D = Record<string, unknown>> {
  documents: (D & { _deleted: boolean })[];
  checkpoint: Checkpoint | null;
}

export const pushRowSchema = z
  .object({
    assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(),
    newDocumentState: z.record(z.string(), z.unknown()),
  })
  .strict();
export const PUSH_MAX_ROWS = 5000;
export const pushBody = z.array(pushRowSchema).max(PUSH_MAX_ROWS);
export type PushRow = z.infer<typeof pushRowSchema>;

/** Why the server refused one row of a push. */
export const PUSH_REJECT_CODES = ["invalid_document", "forbidden_write", "server_owned"] as const;
export type PushRejectCode = (typeof PUSH_REJECT_CODES)[number];

export interface PushRejection {
  id: string;
  code: PushRejectCode;
  message: string;
  /** What the device should hold instead: the server's document, or a tombstone. */
  master: Record<string, unknown>;
}

/**
 * Per-row outcome: valid rows are applied even when others are refused. A push with
 * refused rows answers 4xx with `details: { rejected, conflicts, applied }`; the client
 * treats each `master` as the document's real state and surfaces the error.
 */
export interface PushRejectedDetails {
  rejected: PushRejection[];
  conflicts: Record<string, unknown>[];
  applied: number;
}

/** Server-sent events on /sync/stream. */
export type StreamEvent =
  | { type: "hello"; collections: string[] }
  | { type: "changed"; collections: string[] }
  | { type: "resync" };

export const SYNC_ERROR_CODES = [
  "unknown_collection",
  "invalid_checkpoint",
  "resync_required",
  "push_rejected",
] as const;
