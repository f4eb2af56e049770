/** An in-process PeerLoop app on a fresh test database, driven with `app.request()`. */
import { createApp } from "../../sync-server/app";
import { loadConfig } from "../../sync-server/config";
import type { DbKind } from "../../sync-server/db/database";
import { createMailer } from "../../sync-server/email/mailer";
import type { Deps } from "../../sync-server/http/context";
import { silentLogger } from "../../sync-server/log";
import { listenForChanges, SyncHub } from "../../sync-server/sync/hub";
import { openTestDatabase, type TestDatabase } from "./test-db";

/** Cheap scrypt for tests: the KDF's memory hardness is not what these tests check. */
export const TEST_ENV = {
  PASSWORD_SCRYPT_N: "1024",
  SEED_DEMO: "false",
  PUBLIC_URL: "http://peerloop.test",
  LOG_LEVEL: "error",
};

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  database: TestDatabase;
  call(method: string, path: string, opts?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  /** Sent verbatim (for malformed JSON); overrides `body`. */
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON
  body: any;
  headers: Headers;
}

export async function createTestApp(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const config = loadConfig({ ...TEST_ENV, ...env });
  const mailer = createMailer(database.db, config, silentLogger);
  const hub = new SyncHub(database.db, silentLogger);
  const stopListening = await listenForChanges(
    database,
    (payload) => void hub.dispatch(payload),
    silentLogger,
  );
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    config,
    log: silentLogger,
    mailer,
    hub,
  };
  const app = createApp(deps);
  return {
    app,
    deps,
    database,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      let body: string | undefined;
      if (opts.rawBody !== undefined || opts.body !== undefined) {
        headers["content-type"] ??= "application/json";
        body = opts.rawBody ?? JSON.stringify(opts.body);
      }
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const res = await app.request(path, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await stopListening();
      await mailer.drain();
      await database.close();
    },
  };
}
