/**
 * What the UI shows about sync: online or not, something moving, how many local changes the
 * server has not confirmed yet, when the last exchange succeeded, the last problem, and the
 * progress of the first download.
 */
import { BehaviorSubject, distinctUntilChanged, type Observable } from "rxjs";
import { jsonEqual } from "./conflict";

export interface SyncError {
  /** The server's error code (`server_owned`, `forbidden_write`, `resync_required`, …),
   * `http_<status>` when it sent none, or `network`. */
  code: string;
  message: string;
  /** ISO time. */
  at: string;
  collection?: string;
}

export interface SyncStatus {
  /** The browser reports a network and the server answered the last request. */
  online: boolean;
  /** A pull or push is under way. */
  syncing: boolean;
  /** Local document states the server has not acknowledged (exact: see pending.ts). */
  pendingChanges: number;
  /** ISO time of the last successful pull or push. */
  lastSyncedAt: string | null;
  /**
   * The most recent problem; kept until a newer one (or `dismissError()`) replaces it, so a
   * refused change stays visible. It is current when `at` is later than `lastSyncedAt`.
   */
  lastError: SyncError | null;
  initialSync: {
    /** Every collection has completed a full pull on this device at least once. */
    done: boolean;
    collectionsDone: number;
    collectionsTotal: number;
    /** Documents received while the first sync ran. */
    documentsReceived: number;
  };
}

export function initialStatus(collectionsTotal: number): SyncStatus {
  return {
    online: browserOnline(),
    syncing: false,
    pendingChanges: 0,
    lastSyncedAt: null,
    lastError: null,
    initialSync: { done: false, collectionsDone: 0, collectionsTotal, documentsReceived: 0 },
  };
}

export class SyncStatusStore {
  private readonly subject: BehaviorSubject<SyncStatus>;
  readonly status$: Observable<SyncStatus>;

  constructor(initial: SyncStatus) {
    this.subject = new BehaviorSubject(initial);
    this.status$ = this.subject.pipe(distinctUntilChanged((a, b) => jsonEqual(a, b)));
  }

  get value(): SyncStatus {
    return this.subject.getValue();
  }

  update(change: (s: SyncStatus) => Partial<SyncStatus>): void {
    if (this.subject.closed) return;
    const s = this.value;
    this.subject.next({ ...s, ...change(s) });
  }

  complete(): void {
    this.subject.complete();
  }
}

/** navigator.onLine where there is one (browsers, workers); true elsewhere (Node). */
export function browserOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator;
  return typeof nav?.onLine === "boolean" ? nav.onLine : true;
}

/** Calls `onChange` on the window's online/offline events; returns the unsubscribe. */
export function watchBrowserOnline(onChange: (online: boolean) => void): () => void {
  const target = globalThis as {
    addEventListener?: (t: string, f: () => void) => void;
    removeEventListener?: (t: string, f: () => void) => void;
  };
  if (typeof target.addEventListener !== "function") return () => {};
  const on = () => onChange(true);
  const off = () => onChange(false);
  target.addEventListener("online", on);
  target.addEventListener("offline", off);
  return () => {
    target.removeEventListener?.("online", on);
    target.removeEventListener?.("offline", off);
  };
}
