/** The sync endpoints (protocol in shared/sync/protocol.ts), behind bearer or cookie auth. */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import {
  type Checkpoint,
  checkpointSchema,
  PUSH_REJECT_CODES,
  pullQuery,
  pushBody,
  type StreamEvent,
} from "../../shared/sync/protocol";
import { COLLECTION_NAMES, type CollectionName } from "../../shared/sync/registry";
import { toRxJsonSchema } from "../../shared/sync/rx-schema";
import { recordSync, sessionStillValid } from "../admin/metrics";
import { requireUser } from "../auth/middleware";
import type { ApiRouter } from "../http/api-router";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { serverCollections } from "./docs";
import type { ServerCollection } from "./docs/types";
import { pull } from "./pull";
import { push } from "./push";

const TAG = "Sync";
const HEARTBEAT_MS = 15_000;

function collectionOf(c: Context<AppEnv>): ServerCollection {
  const name = c.req.param("collection") ?? "";
  if (!(COLLECTION_NAMES as string[]).includes(name)) {
    throw new ApiError(
      404,
      "unknown_collection",
      `There is no synced collection "${name.slice(0, 50)}".`,
    );
  }
  return serverCollections[name as CollectionName];
}

function parseCheckpoint(raw: string | undefined): Checkpoint | null {
  if (raw === undefined || raw === "" || raw === "null") return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ApiError(400, "invalid_checkpoint", "The checkpoint is not JSON.");
  }
  if (json === null) return null;
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success)
    throw new ApiError(
      400,
      "invalid_checkpoint",
      "The checkpoint is not one this server gave out.",
    );
  return parsed.data;
}

const anyDoc = z.record(z.string(), z.unknown());

export function registerSyncRoutes(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/sync/schema",
      tag: TAG,
      summary: "The synced collections with their RxDB JSON schemas and versions",
      auth: "user",
      responses: {
        200: { description: "Collections", schema: z.object({ collections: z.array(anyDoc) }) },
      },
    },
    (c) =>
      c.json({
        collections: COLLECTION_NAMES.map((name) => {
          const decl = serverCollections[name].decl;
          return { name, version: decl.version, schema: toRxJsonSchema(decl) };
        }),
      }),
  );

  api.route(
    {
      method: "get",
      path: "/sync/:collection/pull",
      tag: TAG,
      summary: "Documents changed since the checkpoint (RxDB pull); a short batch means caught up",
      auth: "user",
      query: pullQuery,
      responses: {
        200: {
          description: "A batch",
          schema: z.object({ documents: z.array(anyDoc), checkpoint: checkpointSchema.nullable() }),
        },
        410: { description: "The device must start again without a checkpoint (resync_required)" },
      },
    },
    async (c, { query }) => {
      const user = requireUser(c);
      const coll = collectionOf(c);
      const checkpoint = parseCheckpoint(query.checkpoint);
      const { db, config } = c.get("deps");
      const batch = await pull(db, user.id, coll, checkpoint, query.limit, { config });
      recordSync(db, "pull", batch.documents.length, c.get("sessionId"));
      return c.json(batch);
    },
  );

  api.route(
    {
      method: "post",
      path: "/sync/:collection/push",
      tag: TAG,
      summary:
        "Apply local writes (RxDB push); answers the server state of each conflicting document",
      auth: "user",
      body: pushBody,
      responses: {
        200: { description: "Conflicts ([] when none)", schema: z.array(anyDoc) },
        403: { description: "Some rows were refused (push_rejected; the others were applied)" },
      },
    },
    async (c, { body }) => {
      const user = requireUser(c);
      const coll = collectionOf(c);
      const { db, config } = c.get("deps");
      const outcome = await push(db, user.id, coll, body, { config });
      recordPush(c, outcome.conflicts.length, outcome.rejected.length, body.length);
      if (outcome.rejected.length === 0) return c.json(outcome.conflicts);
      const invalid = outcome.rejected.some((r) => r.code === PUSH_REJECT_CODES[0]);
      const first = outcome.rejected[0];
      throw new ApiError(
        invalid ? 400 : 403,
        "push_rejected",
        first ? `${first.message} (${first.code})` : "Refused.",
        outcome,
      );
    },
  );

  api.route(
    {
      method: "get",
      path: "/sync/stream",
      tag: TAG,
      summary:
        "Server-sent events naming the collections that changed for this user, with heartbeats",
      auth: "user",
      responses: { 200: { description: "text/event-stream" } },
    },
    (c) => {
      const user = requireUser(c);
      const { hub, db } = c.get("deps");
      recordSync(db, "stream", 0, c.get("sessionId"));
      return streamSSE(c, async (stream) => {
        const send = (event: StreamEvent) =>
          stream.writeSSE({ data: JSON.stringify(event) }).catch(() => {});
        let open = true;
        // The heartbeat wait ends early when the device goes, so no timer outlives it.
        let wake = () => {};
        const unsubscribe = await hub.subscribe(
          user.id,
          (collections) => {
            void send(
              collections
                ? { type: "changed", collections }
                : { type: "changed", collections: COLLECTION_NAMES },
            );
          },
          () => {
            open = false;
            wake();
          },
        );
        stream.onAbort(() => {
          open = false;
          unsubscribe();
          wake();
        });
        await send({ type: "hello", collections: COLLECTION_NAMES });
        while (open) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, HEARTBEAT_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          // A session ended elsewhere (account disabled via another process) ends the stream.
          if (open && !(await sessionStillValid(db, c.get("sessionId")))) open = false;
          if (open) await stream.write(": ping\n\n").catch(() => {});
        }
      });
    },
  );
}

/** Admin metrics: the push, and its conflicts and refused rows (each counted per document). */
function recordPush(c: Context<AppEnv>, conflicts: number, rejected: number, docs: number) {
  const { db } = c.get("deps");
  const sessionId = c.get("sessionId");
  recordSync(db, "push", docs, sessionId);
  if (conflicts) recordSync(db, "conflict", conflicts, undefined);
  if (rejected) recordSync(db, "rejected", rejected, undefined);
}
