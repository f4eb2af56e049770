/** The device's replicated database and its sync with the server. */
export { conflictHandlerFor, isSameDocState } from "./conflict";
export {
  type CreateDatabaseOptions,
  createPeerloopDatabase,
  type PeerloopCollections,
  type PeerloopDatabase,
  type PeerloopDoc,
} from "./database";
export { HttpError, NetworkError } from "./http";
export type { DeviceCheckpoint } from "./pull-push";
export { type StartSyncOptions, type SyncHandle, startSync } from "./replication";
export { connectSse, type SseConnection, type SseMessage, SseParser } from "./sse";
export type { SyncError, SyncStatus } from "./status";
