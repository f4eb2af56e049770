/**
 * A raw sync-protocol client for tests: the HTTP calls a device makes, without RxDB, so
 * tests can send exactly what an attacker or a buggy device would.
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

export function push(t: TestApp, token: string, collection: string, rows: unknown[]) {
  return t.call("POST", `/sync/${collection}/push`, { token, body: rows });
}
