/**
 * Counts a collection's local changes that the server has not acknowledged.
 *
 * RxDB keeps, per document, the state it assumes the server holds (the replication's meta
 * instance: written when a pull delivers a document and when a push is acknowledged). A
 * document is pending exactly when RxDB's upstream would push it: its local state differs
 * from that assumed server state, and it was not itself written by the pull. This mirrors
 * the checks in rxdb/src/replication-protocol/{upstream,downstream}.ts, so the count is
 * what is really waiting — it survives reloads (a start-up scan) and drops when the push
 * is acknowledged or a conflict resolves to the server's state.
 */
import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getHeightOfRevision,
  type RxCollection,
  type RxDocumentData,
  type RxStorageInstance,
  writeDocToDocState,
} from "rxdb";
import type { RxReplicationState } from "rxdb/plugins/replication";
import type { Subscription } from "rxjs";
import { isSameDocState } from "./conflict";

type Doc = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: RxDB's storage generics are per storage
type AnyStorage = RxStorageInstance<Doc, any, any, any>;

/** Every document of a storage instance, deleted ones included, in pages. */
export async function allStoredDocs(instance: AnyStorage): Promise<RxDocumentData<Doc>[]> {
  const out: RxDocumentData<Doc>[] = [];
  let checkpoint: unknown;
  for (;;) {
    const page = await getChangedDocumentsSince(instance, 500, checkpoint);
    out.push(...page.documents);
    if (page.documents.length < 500) return out;
    checkpoint = page.checkpoint;
  }
}

export class PendingTracker {
  /**
   * Documents that may be pending (written since they were last found clean), each with the
   * number of the write that made it a candidate: a recount only clears an id when no write
   * came in while it was checking.
   */
  private readonly candidates = new Map<string, number>();
  private writes = 0;
  private readonly subs: Subscription[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private count = 0;

  constructor(
    private readonly collection: RxCollection<Doc>,
    private readonly replication: RxReplicationState<Doc, unknown>,
    private readonly onCount: (count: number) => void,
  ) {}

  /** Starts watching once the replication has its meta instance. Never rejects. */
  async start(): Promise<void> {
    await this.replication.startPromise;
    if (this.stopped || !this.replication.metaInstance) return;
    this.subs.push(
      this.collection.storageInstance.changeStream().subscribe((bulk) => {
        for (const ev of bulk.events) this.candidates.set(ev.documentId, ++this.writes);
        this.schedule();
      }),
      // The meta instance changes when a push is acknowledged or a pull lands.
      this.replication.metaInstance.changeStream().subscribe(() => this.schedule()),
    );
    // Changes left from an earlier run (e.g. written offline, then the app was closed).
    for (const doc of await allStoredDocs(this.collection.storageInstance as AnyStorage)) {
      this.candidates.set(doc.id as string, ++this.writes);
    }
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const s of this.subs) s.unsubscribe();
  }

  get value(): number {
    return this.count;
  }

  /** Resolves after a recount that started after this call. */
  async flush(): Promise<number> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.recount();
    return this.count;
  }

  /** Which of `ids` have local changes the server has not acknowledged. */
  async pendingAmong(ids: string[]): Promise<Set<string>> {
    const state = this.replication.internalReplicationState;
    const out = new Set<string>();
    if (!state || ids.length === 0) return out;
    const [forkDocs, assumed, originHash] = await Promise.all([
      this.collection.storageInstance.findDocumentsById(ids, true),
      getAssumedMasterState(state, ids),
      this.collection.database.hashFunction(state.input.identifier),
    ]);
    for (const doc of forkDocs) {
      const id = doc.id as string;
      // Written by the pull (RxDB tags those with the replication's hash and revision).
      const o = doc._meta.o;
      if (o && o.hash === originHash && o._rev === getHeightOfRevision(doc._rev)) continue;
      const master = assumed[id];
      const local = writeDocToDocState(doc, false, false) as Doc;
      if (!master || !isSameDocState(master.docData as Doc, local)) out.add(id);
    }
    return out;
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.recount();
    }, 20);
  }

  private recount(): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.stopped || this.collection.closed) return;
      try {
        const checked = [...this.candidates];
        const pending = await this.pendingAmong(checked.map(([id]) => id));
        for (const [id, write] of checked) {
          if (!pending.has(id) && this.candidates.get(id) === write) this.candidates.delete(id);
        }
        this.count = this.candidates.size;
        this.onCount(this.count);
      } catch {
        // The database is closing under us: the next start recounts from scratch.
      }
    });
    return this.running;
  }
}
