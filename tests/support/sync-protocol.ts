/**
 * A raw sync-protocol client for tests: the HTTP calls a device makes, without RxDB, so
 * tests can send exactly what an attacker or a buggy device would.
 *
 *   login(t, email, password)              → bearer token (throws unless 200)
 *   register(t, handle)                    → a new account { id, token } (throws unless 201)
 *   pull(t, token, collection, cp, limit)  → the raw response of one pull
 *   pullAll(t, token, collection, cp)      → { docs (by id, last state wins), checkpoint, batches }
 *   push(t, token, collection, docs)       → the raw response of one push
 */
import type { Checkpoint } from "../../shared/sync/protocol";
import type { CallResult, TestApp } from "./test-app";

// biome-ignore lint/suspicious/noExplicitAny: documents from the wire
export type WireDoc = Record<string, any> & { id: string; _deleted?: boolean };

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.call("POST", "/api/auth/login", { body: { email, password } });
  if (res.status !== 200)
    throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

export const TEST_PASSWORD = "correct horse battery";

/** Registers `<handle>@example.com` (handles must be unique per test database). */
export async function register(t: TestApp, handle: string): Promise<{ id: string; token: string }> {
  const res = await t.call("POST", "/api/auth/register", {
    body: { email: `${handle}@example.com`, password: TEST_PASSWORD, name: handle, handle },
  });
  if (res.status !== 201)
    throw new Error(`register ${handle}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id as string, token: res.body.token as string };
}

/** One pull; `res.body` is `{ documents, checkpoint }` on 200. */
export function pull(
  t: TestApp,
  token: string,
  collection: string,
  checkpoint: Checkpoint | null,
  limit = 100,
) {
  const cp = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : "";
  return t.call("GET", `/sync/${collection}/pull?limit=${limit}${cp}`, { token });
}

/** Pulls until a batch is shorter than `limit` (what RxDB takes as "caught up"). */
export async function pullAll(
  t: TestApp,
  token: string,
  collection: string,
  checkpoint: Checkpoint | null,
  limit = 100,
) {
  const docs = new Map<string, WireDoc>();
  let cp = checkpoint;
  let batches = 0;
  for (;;) {
    const res: CallResult = await pull(t, token, collection, cp, limit);
    if (res.status !== 200)
      throw new Error(`pull ${collection}: ${res.status} ${JSON.stringify(res.body)}`);
    batches += 1;
    for (const d of res.body.documents as WireDoc[]) docs.set(d.id, d);
    cp = res.body.checkpoint;
    if (res.body.documents.length < limit) return { docs, checkpoint: cp, batches };
    if (batches > 10_000) throw new Error("pull never caught up");
  }
}

/** One push of `rows` ({ newDocumentState, assumedMasterState? }); 200 answers conflicts[]. */
export function push(t: TestApp, token: string, collection: string, rows: unknown[]) {
  return t.call("POST", `/sync/${collection}/push`, { token, body: rows });
}
