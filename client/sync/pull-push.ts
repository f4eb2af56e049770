/**
 * The pull and push handlers of one collection's RxDB replication.
 *
 * Checkpoints: RxDB merges successive checkpoints with Object.assign, so a key the server
 * leaves out (the optional `b`) would survive from an older checkpoint. The server's
 * checkpoint therefore travels wrapped in `{ server }` and is replaced whole each time.
 */
import type { RxCollection, WithDeleted } from "rxdb";
import type { RxReplicationState } from "rxdb/plugins/replication";
import type {
  Checkpoint,
  PushRejectedDetails,
  PushRejection,
  PushRow,
} from "../../shared/sync/protocol";
import { getCollection } from "../../shared/sync/registry";
import { isSameDocState } from "./conflict";
import { type DocSchema, type DocShape, pickDeclared, shapeIncoming } from "./documents";
import {
  errorMessage,
  type HttpAnswer,
  HttpError,
  NetworkError,
  type SyncHttp,
  toHttpError,
} from "./http";
import { allStoredDocs, PendingTracker } from "./pending";

type Doc = Record<string, unknown>;
type Row = { assumedMasterState?: WithDeleted<Doc>; newDocumentState: WithDeleted<Doc> };

export interface DeviceCheckpoint {
  server: Checkpoint;
  /**
   * The collection's schema version when this checkpoint was saved (absent: 0). After an
   * upgrade the device's documents were migrated with stand-ins for what only the server
   * knows (CollectionDecl.migrations), so an older checkpoint means: pull all again.
   */
  v?: number;
}

export interface CollectionSyncOptions {
  name: string;
  collection: RxCollection<Doc>;
  http: SyncHttp;
  /** A number per pull request, increasing across collections (see awaitInSync). */
  nextPullSeq: () => number;
  /** A pull numbered `seq` found nothing more to fetch. */
  onCaughtUp: (seq: number) => void;
  onSynced: () => void;
  onError: (code: string, message: string) => void;
  onPending: (count: number) => void;
}

export interface CollectionSync {
  pull: (
    checkpoint: DeviceCheckpoint | undefined,
    batchSize: number,
  ) => Promise<{ documents: WithDeleted<Doc>[]; checkpoint: DeviceCheckpoint | undefined }>;
  push: (rows: Row[]) => Promise<WithDeleted<Doc>[]>;
  attach(rs: RxReplicationState<Doc, DeviceCheckpoint>): void;
  flushPending(): Promise<number>;
  stop(): void;
}

interface Batch {
  documents: Doc[];
  checkpoint: Checkpoint | null;
}

export function createCollectionSync(o: CollectionSyncOptions): CollectionSync {
  const decl = getCollection(o.name);
  const schema: DocShape = {
    // The declaration's fields, not the RxDB schema's: see the report on rx-schema.ts
    // dropping a property named `format` (courses.format).
    fields: decl
      ? Object.keys(decl.schema.shape)
      : Object.keys(o.collection.schema.jsonSchema.properties),
    schema: o.collection.schema.jsonSchema as unknown as DocSchema,
  };
  const path = `/sync/${encodeURIComponent(o.name)}`;
  const version = o.collection.schema.version;
  const saved = (server: Checkpoint): DeviceCheckpoint => ({ server, v: version });
  let tracker: PendingTracker | null = null;

  /** Reports and rethrows: RxDB retries a pull or push that threw. */
  function fail(what: string, answer: HttpAnswer): never {
    const err = toHttpError(`${o.name} ${what}`, answer);
    o.onError(err.code, err.message);
    throw err;
  }

  async function fetchBatch(checkpoint: Checkpoint | null, limit: number): Promise<Batch | "gone"> {
    const query = new URLSearchParams();
    if (checkpoint) query.set("checkpoint", JSON.stringify(checkpoint));
    query.set("limit", String(limit));
    const answer = await o.http.request("GET", `${path}/pull?${query}`);
    if (answer.status === 410) return "gone";
    if (answer.status !== 200) fail("pull", answer);
    const body = answer.body as Partial<Batch> | null;
    if (!body || !Array.isArray(body.documents))
      fail("pull", { status: 502, body: "malformed pull answer" });
    return { documents: body.documents, checkpoint: body.checkpoint ?? null };
  }

  /** The device's copies (without RxDB meta) of these documents, to complete tombstones. */
  async function localCopies(ids: string[]): Promise<Map<string, Doc>> {
    const found = ids.length ? await o.collection.storageInstance.findDocumentsById(ids, true) : [];
    return new Map(found.map((d) => [d.id as string, d as Doc]));
  }

  async function shapeAll(docs: Doc[]): Promise<WithDeleted<Doc>[]> {
    const tombstoneIds = docs.filter((d) => d._deleted === true).map((d) => String(d.id));
    const local = await localCopies(tombstoneIds);
    return docs.map((d) => shapeIncoming(schema, d, local.get(String(d.id))) as WithDeleted<Doc>);
  }

  /**
   * 410 resync_required: the device was away longer than the server keeps tombstones, so
   * deletions it missed are unknown. Pull everything again from no checkpoint, then drop
   * every local document the server no longer sends — except those with local changes not
   * yet pushed, which stay and are pushed (the server then accepts or refuses them). The
   * drops are delivered as tombstones in this same pull answer, so RxDB stores them as
   * server state (nothing is pushed back) and the new checkpoint replaces the old one.
   * The same after a schema upgrade (`upgraded`), which is no error to report.
   */
  async function pullFromScratch(batchSize: number, why: "gone" | "upgraded") {
    if (why === "gone")
      o.onError(
        "resync_required",
        `${o.name}: this device was offline too long; downloading again`,
      );
    const received = new Map<string, Doc>();
    let checkpoint: Checkpoint | null = null;
    for (;;) {
      const batch = await fetchBatch(checkpoint, batchSize);
      if (batch === "gone")
        fail("pull", { status: 410, body: "resync_required without a checkpoint" });
      for (const d of batch.documents) received.set(String(d.id), d);
      checkpoint = batch.checkpoint ?? checkpoint;
      if (batch.documents.length < batchSize) break;
    }
    const stale = (await allStoredDocs(o.collection.storageInstance))
      .filter((d) => !d._deleted && !received.has(d.id as string))
      .map((d) => d.id as string);
    const keep = (await tracker?.pendingAmong(stale)) ?? new Set<string>();
    const local = await localCopies(stale);
    const drops = stale
      .filter((id) => !keep.has(id))
      .map((id) => ({ ...pickDeclared(schema, local.get(id) ?? { id }), _deleted: true }));
    const documents = [
      ...(await shapeAll([...received.values()])),
      ...(drops as WithDeleted<Doc>[]),
    ];
    return { documents, checkpoint: checkpoint ? saved(checkpoint) : undefined };
  }

  return {
    pull: (checkpoint, batchSize) => guard("pull", () => pull(checkpoint, batchSize)),
    push: (rows) => guard("push", () => push(rows)),
    attach(rs) {
      tracker = new PendingTracker(o.collection, rs as never, o.onPending);
      void tracker.start();
    },
    flushPending: () => tracker?.flush() ?? Promise.resolve(0),
    stop: () => tracker?.stop(),
  };

  /** Error answers were reported by `fail`, offline is the status' business; report the rest. */
  async function guard<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof HttpError) && !(err instanceof NetworkError)) {
        o.onError("client_error", `${o.name} ${what}: ${errorMessage(err)}`);
      }
      throw err;
    }
  }

  async function pull(checkpoint: DeviceCheckpoint | undefined, batchSize: number) {
    const seq = o.nextPullSeq();
    const upgraded = checkpoint !== undefined && (checkpoint.v ?? 0) < version;
    // Offline (NetworkError) or an error answer: thrown, and RxDB retries after a while.
    const batch = upgraded ? "upgraded" : await fetchBatch(checkpoint?.server ?? null, batchSize);
    const result =
      typeof batch === "string"
        ? await pullFromScratch(batchSize, batch)
        : {
            documents: await shapeAll(batch.documents),
            // An empty batch may come without a checkpoint: keep ours.
            checkpoint: batch.checkpoint ? saved(batch.checkpoint) : checkpoint,
          };
    // Nothing at all on the server: the old position still holds, now for this version.
    if (upgraded && !result.checkpoint && checkpoint) result.checkpoint = saved(checkpoint.server);
    o.onSynced();
    if (typeof batch === "string" || batch.documents.length < batchSize) o.onCaughtUp(seq);
    return result;
  }

  async function push(rows: Row[]): Promise<WithDeleted<Doc>[]> {
    // A row equal to what the server is assumed to hold changes nothing. RxDB sends such
    // rows after a conflict resolved to the server's state; sending them to a collection
    // the device may not write would be refused again, forever.
    const send = rows.filter(
      (r) => !(r.assumedMasterState && isSameDocState(r.assumedMasterState, r.newDocumentState)),
    );
    if (send.length === 0) return [];
    const body: PushRow[] = send.map((r) => ({
      ...(r.assumedMasterState ? { assumedMasterState: r.assumedMasterState } : {}),
      newDocumentState: r.newDocumentState,
    }));
    const answer = await o.http.request("POST", `${path}/push`, body);
    const byId = new Map(send.map((r) => [String(r.newDocumentState.id), r.newDocumentState]));
    if (answer.status === 200) {
      if (!Array.isArray(answer.body)) fail("push", { status: 502, body: "malformed push answer" });
      o.onSynced();
      return masters(answer.body as Doc[], byId);
    }
    const error = (answer.body as { error?: { code?: string; details?: PushRejectedDetails } })
      ?.error;
    if (
      answer.status >= 400 &&
      answer.status < 500 &&
      error?.code === "push_rejected" &&
      error.details
    ) {
      // Valid rows were applied; refused rows come back with the server's real state,
      // which RxDB stores in their place (as conflicts resolved by the server-side rule).
      const { rejected = [], conflicts = [] } = error.details;
      // Not stamped as a successful sync: the refusal is the news (lastError).
      report(rejected);
      return masters([...conflicts, ...rejected.map((r) => r.master)], byId);
    }
    fail("push", answer);
  }

  function report(rejected: PushRejection[]) {
    const first = rejected[0];
    if (!first) return;
    const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more)` : "";
    o.onError(first.code, `${o.name} ${first.id}: ${first.message}${more}`);
  }

  /** Server states to hand RxDB as conflict masters, tombstones completed from our row. */
  function masters(docs: Doc[], sent: Map<string, Doc>): WithDeleted<Doc>[] {
    return (
      docs
        // RxDB can only take states of documents it pushed in this request.
        .filter((d) => d && typeof d === "object" && sent.has(String(d.id)))
        .map((d) => shapeIncoming(schema, d, sent.get(String(d.id))) as WithDeleted<Doc>)
    );
  }
}
