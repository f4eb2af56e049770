/** Loaded on demand (see local.ts): RxDB, Dexie and the sync client. */
import { createPeerloopDatabase, startSync } from "../../sync/index";
import { createBrowserStorage } from "../../sync/storage-browser";

export interface OpenOptions {
  name: string;
  baseUrl: string;
  getToken: () => string | null;
  onUnauthorized: () => void;
}

export async function openLocal(o: OpenOptions) {
  const db = await createPeerloopDatabase({ name: o.name, storage: createBrowserStorage() });
  const sync = startSync(db, { baseUrl: o.baseUrl, getToken: o.getToken });
  sync.status$.subscribe((s) => {
    const code = s.lastError?.code;
    // A revoked or expired token: sync cannot go on until the person signs in again. The
    // local data stays (they may sign in as the same person).
    if (code === "unauthorized" || code === "http_401") o.onUnauthorized();
  });
  return { db, sync };
}
