/**
 * The device's local database: one RxDB collection per synced collection declared in
 * shared/sync/registry.ts, with the RxDB schema and the conflict handler derived from that
 * declaration. Opening it never touches the network, so the app starts offline.
 */
import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxCollectionCreator,
  type RxDatabase,
  type RxStorage,
} from "rxdb";
import { RxDBLocalDocumentsPlugin } from "rxdb/plugins/local-documents";
import { RxDBMigrationSchemaPlugin } from "rxdb/plugins/migration-schema";
import type { DocOf } from "../../shared/sync/collection";
import { COLLECTION_NAMES, type CollectionName, collections } from "../../shared/sync/registry";
import { toRxJsonSchema } from "../../shared/sync/rx-schema";
import { conflictHandlerFor } from "./conflict";

export type PeerloopDoc<N extends CollectionName> = DocOf<(typeof collections)[N]>;

export type PeerloopCollections<N extends CollectionName = CollectionName> = {
  [K in N]: RxCollection<PeerloopDoc<K>>;
};

export type PeerloopDatabase<N extends CollectionName = CollectionName> = RxDatabase<
  PeerloopCollections<N>
>;

export interface CreateDatabaseOptions<N extends CollectionName> {
  /** One database per signed-in user, e.g. `peerloop-<userId>`. */
  name: string;
  /** Dexie in browsers (storage-browser.ts), memory in Node tests. */
  // biome-ignore lint/suspicious/noExplicitAny: RxStorage's internals differ per storage
  storage: RxStorage<any, any>;
  /**
   * Open only these collections. RxDB's free tier opens at most 13 collections per JS realm,
   * so tests that simulate two devices in one process give each device the few it needs.
   * The app opens all of them (the default).
   */
  collections?: readonly N[];
  /** Several tabs share the database (browsers). Off in Node. Defaults to `window` exists. */
  multiInstance?: boolean;
  /**
   * Tests only: RxDB dev-mode (schema and usage checks) plus ajv validation of every write.
   * Never in the app: dev-mode loads a tracking iframe from rxdb.info in browsers.
   */
  devMode?: boolean;
}

export async function createPeerloopDatabase<N extends CollectionName = CollectionName>(
  options: CreateDatabaseOptions<N>,
): Promise<PeerloopDatabase<N>> {
  // The sync status keeps "first sync finished" in a local document (not a collection:
  // local documents do not count against the 13-collection budget).
  addRxPlugin(RxDBLocalDocumentsPlugin);
  // Upgrades documents stored under an older version of a collection's schema (the
  // declaration's `migrations`), before the collection opens.
  addRxPlugin(RxDBMigrationSchemaPlugin);
  let storage = options.storage;
  if (options.devMode) storage = await withDevMode(storage);

  const db = (await createRxDatabase({
    name: options.name,
    storage,
    multiInstance: options.multiInstance ?? typeof window !== "undefined",
    eventReduce: true,
    localDocuments: true,
    // A crashed tab can leave its instance registered; closing it is what a reload means.
    closeDuplicates: true,
  })) as PeerloopDatabase<N>;

  const names = (options.collections ?? COLLECTION_NAMES) as readonly N[];
  const creators: Record<string, RxCollectionCreator> = {};
  for (const name of names) {
    const decl = collections[name];
    creators[name] = {
      schema: toRxJsonSchema(decl) as RxCollectionCreator["schema"],
      conflictHandler: conflictHandlerFor(decl),
      ...(decl.migrations ? { migrationStrategies: decl.migrations } : {}),
    };
  }
  try {
    await db.addCollections(creators);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** Loaded on demand so that the app bundle never contains dev-mode or ajv. */
// biome-ignore lint/suspicious/noExplicitAny: see CreateDatabaseOptions.storage
async function withDevMode(storage: RxStorage<any, any>): Promise<RxStorage<any, any>> {
  const [{ RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all(
    [import("rxdb/plugins/dev-mode"), import("rxdb/plugins/validate-ajv")],
  );
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  return wrappedValidateAjvStorage({ storage });
}
