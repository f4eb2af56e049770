/**
 * Replication of the local database with the sync server: one RxDB replication per
 * collection over the HTTP protocol of shared/sync/protocol.ts, one event stream for the
 * device, and the sync status. `startSync` returns at once: the app never waits for the
 * network (it must open offline); the first download shows in `status$.initialSync`.
 */
import type { RxCollection } from "rxdb";
import { type RxReplicationState, replicateRxCollection } from "rxdb/plugins/replication";
import { BehaviorSubject, filter, firstValueFrom, type Observable, Subject } from "rxjs";
import { PULL_DEFAULT_LIMIT, type StreamEvent } from "../../shared/sync/protocol";
import type { CollectionName } from "../../shared/sync/registry";
import type { PeerloopDatabase } from "./database";
import { createSyncHttp, type SyncHttp } from "./http";
import { type CollectionSync, createCollectionSync, type DeviceCheckpoint } from "./pull-push";
import { connectSse, type SseConnection, SseHttpError } from "./sse";
import {
  browserOnline,
  initialStatus,
  type SyncError,
  type SyncStatus,
  SyncStatusStore,
  watchBrowserOnline,
} from "./status";

type Doc = Record<string, unknown>;

export interface StartSyncOptions {
  /** The sync server's origin. */
  baseUrl: string;
  getToken: () => string | null | Promise<string | null>;
  /** Injected in tests (e.g. to cut a device off); the global fetch otherwise. */
  fetch?: typeof fetch;
  /** A pull or push with no complete answer this long is retried. Default 30 s. */
  requestTimeoutMs?: number;
  /**
   * Documents per pull request (the server caps it at 5000). Default 1000: the first sync
   * of a learner's world is thousands of documents, and each request has a fixed cost.
   */
  batchSize?: number;
  /** Rows per push request. Default 100. */
  pushBatchSize?: number;
  /** Delay before RxDB retries a failed pull or push. Default 2 s. */
  retryTime?: number;
  /** Replicate only in the leader tab. Default: when the database is multi-instance. */
  waitForLeadership?: boolean;
  /** Open the live event stream (default true). Without it, changes arrive on `resync()`. */
  stream?: boolean;
  /** SSE reconnect when no byte (not even `: ping`) came for this long. Default 45 s. */
  heartbeatTimeoutMs?: number;
}

export interface SyncHandle {
  readonly status$: Observable<SyncStatus>;
  readonly status: SyncStatus;
  readonly replications: Readonly<Record<string, RxReplicationState<Doc, DeviceCheckpoint>>>;
  /** The live event stream is connected (changes elsewhere arrive within moments). */
  readonly streamConnected: boolean;
  /** Pull these collections (all when omitted) now. */
  resync(collections?: readonly string[]): void;
  /**
   * Resolves when every collection has pulled up to a point after this call, every local
   * change made before it is pushed, and nothing is moving. Waits while offline.
   */
  awaitInSync(): Promise<void>;
  dismissError(): void;
  stop(): Promise<void>;
}

const INITIAL_SYNC_DOC = "peerloop-initial-sync";

/** Replicates every collection the database has opened (all of them in the app). */
export function startSync<N extends CollectionName>(
  db: PeerloopDatabase<N>,
  options: StartSyncOptions,
): SyncHandle {
  const names = Object.keys(db.collections);
  const store = new SyncStatusStore(initialStatus(names.length));
  let reachable = true;
  let onlineInBrowser = browserOnline();
  let inflight = 0;
  let pullSeq = 0;
  let stopped = false;
  const active = new Set<string>();
  const pendingByCollection = new Map<string, number>();

  const setOnline = () => store.update(() => ({ online: onlineInBrowser && reachable }));
  const setSyncing = () => store.update(() => ({ syncing: active.size > 0 || inflight > 0 }));
  const reportError = (code: string, message: string, collection?: string) => {
    const error: SyncError = { code, message, at: new Date().toISOString() };
    if (collection) error.collection = collection;
    store.update(() => ({ lastError: error }));
  };

  const baseHttp = createSyncHttp(options, (ok) => {
    reachable = ok;
    setOnline();
  });
  // Counts the pulls and pushes under way, for `syncing` (the event stream is not counted).
  const http: SyncHttp = {
    ...baseHttp,
    async request(method, path, body) {
      inflight++;
      setSyncing();
      try {
        return await baseHttp.request(method, path, body);
      } finally {
        inflight--;
        setSyncing();
      }
    },
  };

  const streams = new Map<string, Subject<"RESYNC">>();
  const syncs = new Map<string, CollectionSync>();
  const replications: Record<string, RxReplicationState<Doc, DeviceCheckpoint>> = {};
  const caughtUp = new Map<string, BehaviorSubject<number>>();

  for (const name of names) {
    const collection = db.collections[
      name as keyof typeof db.collections
    ] as unknown as RxCollection<Doc>;
    const stream$ = new Subject<"RESYNC">();
    const lastCaughtUp = new BehaviorSubject(0);
    const sync = createCollectionSync({
      name,
      collection,
      http,
      nextPullSeq: () => ++pullSeq,
      onCaughtUp: (seq) => {
        if (seq > lastCaughtUp.getValue()) lastCaughtUp.next(seq);
      },
      onSynced: () => store.update(() => ({ lastSyncedAt: new Date().toISOString() })),
      onError: (code, message) => reportError(code, message, name),
      onPending: (n) => {
        pendingByCollection.set(name, n);
        let total = 0;
        for (const v of pendingByCollection.values()) total += v;
        store.update(() => ({ pendingChanges: total }));
      },
    });
    const rs = replicateRxCollection<Doc, DeviceCheckpoint>({
      // Tied to the server: another server means another replication (fresh checkpoints).
      replicationIdentifier: `peerloop-v1:${options.baseUrl.replace(/\/+$/, "")}`,
      collection,
      live: true,
      retryTime: options.retryTime ?? 2000,
      waitForLeadership: options.waitForLeadership ?? db.multiInstance,
      pull: { batchSize: options.batchSize ?? PULL_DEFAULT_LIMIT, handler: sync.pull, stream$ },
      push: { batchSize: options.pushBatchSize ?? 100, handler: sync.push },
    });
    sync.attach(rs);
    rs.active$.subscribe((on) => {
      if (on) active.add(name);
      else active.delete(name);
      setSyncing();
    });
    rs.error$.subscribe((err) => {
      // Errors our handlers threw were reported by them (or are "offline"); anything else
      // (a local write that failed, …) is reported here.
      const params = (err as { parameters?: { errors?: unknown } }).parameters;
      if (!params?.errors)
        reportError(`rxdb_${(err as { code?: string }).code ?? "error"}`, err.message, name);
    });
    streams.set(name, stream$);
    syncs.set(name, sync);
    replications[name] = rs;
    caughtUp.set(name, lastCaughtUp);
  }

  void trackInitialSync(db, replications, store);

  const resync = (only?: readonly string[]) => {
    for (const name of only ?? names) streams.get(name)?.next("RESYNC");
  };

  let sse: SseConnection | null = null;
  if (options.stream !== false) {
    sse = connectSse({
      url: http.url("/sync/stream"),
      fetch: http.fetch,
      headers: http.headers,
      ...(options.heartbeatTimeoutMs ? { heartbeatTimeoutMs: options.heartbeatTimeoutMs } : {}),
      onOpen: () => {
        reachable = true;
        setOnline();
        resync(); // whatever changed while the stream was down
      },
      onMessage: (m) => {
        let ev: StreamEvent;
        try {
          ev = JSON.parse(m.data) as StreamEvent;
        } catch {
          return; // not ours: ignore
        }
        if (ev?.type === "changed" && Array.isArray(ev.collections)) {
          resync(ev.collections.filter((c) => streams.has(c)));
        } else if (ev?.type === "resync") {
          resync();
        }
      },
      onError: (err) => {
        if (err instanceof SseHttpError) {
          reportError(`http_${err.status}`, `event stream: ${err.message}`);
        } else if (!stopped) {
          reachable = false;
          setOnline();
        }
      },
    });
  }

  const unwatch = watchBrowserOnline((online) => {
    onlineInBrowser = online;
    setOnline();
    if (online) {
      sse?.reconnectNow();
      resync();
    }
  });

  const settle = async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let quiet = 0; quiet < 2; ) {
      await Promise.all(Object.values(replications).map((rs) => rs.awaitInSync()));
      await Promise.all([...syncs.values()].map((s) => s.flushPending()));
      if (active.size > 0 || inflight > 0) quiet = 0;
      else quiet++;
      await sleep(15);
    }
  };

  return {
    status$: store.status$,
    get status() {
      return store.value;
    },
    replications,
    get streamConnected() {
      return sse?.connected ?? false;
    },
    resync,
    async awaitInSync() {
      const since = pullSeq;
      resync();
      await Promise.all(
        [...caughtUp.values()].map((s) => firstValueFrom(s.pipe(filter((v) => v > since)))),
      );
      await settle();
    },
    dismissError() {
      store.update(() => ({ lastError: null }));
    },
    async stop() {
      stopped = true;
      sse?.close();
      unwatch();
      for (const s of syncs.values()) s.stop();
      await Promise.all(Object.values(replications).map((rs) => rs.cancel()));
      for (const s of streams.values()) s.complete();
      store.complete();
    },
  };
}

/**
 * "First sync done" per collection, kept in a local document so that a device that synced
 * once does not show a first download again when it starts offline.
 */
async function trackInitialSync<N extends CollectionName>(
  db: PeerloopDatabase<N>,
  replications: Record<string, RxReplicationState<Doc, DeviceCheckpoint>>,
  store: SyncStatusStore,
): Promise<void> {
  const names = Object.keys(replications);
  let done: Set<string>;
  try {
    const local = await db.getLocal<{ collections: string[] }>(INITIAL_SYNC_DOC);
    done = new Set(local?.get("collections") ?? []);
  } catch {
    done = new Set();
  }
  const publish = () =>
    store.update((s) => ({
      initialSync: {
        ...s.initialSync,
        collectionsDone: names.filter((n) => done.has(n)).length,
        done: names.every((n) => done.has(n)),
      },
    }));
  publish();
  let writes = Promise.resolve();
  for (const name of names) {
    if (done.has(name)) continue;
    const rs = replications[name] as RxReplicationState<Doc, DeviceCheckpoint>;
    const counting = rs.received$.subscribe(() =>
      store.update((s) => ({
        initialSync: { ...s.initialSync, documentsReceived: s.initialSync.documentsReceived + 1 },
      })),
    );
    rs.awaitInitialReplication()
      .then(() => {
        counting.unsubscribe();
        if (rs.isStopped()) return;
        done.add(name);
        publish();
        writes = writes
          .then(() => db.upsertLocal(INITIAL_SYNC_DOC, { collections: [...done] }))
          .then(
            () => {},
            () => {},
          );
      })
      .catch(() => counting.unsubscribe());
  }
}
