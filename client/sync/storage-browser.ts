/**
 * The browser's storage: RxDB's Dexie (IndexedDB) storage, the free persistent one.
 * Kept in its own module so Node code (tests, tools) never imports Dexie.
 */
import { getRxStorageDexie } from "rxdb/plugins/storage-dexie";

export function createBrowserStorage() {
  return getRxStorageDexie();
}
