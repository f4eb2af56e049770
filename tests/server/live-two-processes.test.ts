/**
 * Guarantee 7 across real processes: two PeerLoop server processes on one Postgres; a
 * message pushed to one reaches a device streaming from the other within a second. The
 * only path between the two processes is Postgres LISTEN/NOTIFY.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directConversationId } from "../../shared/ids/derived-id";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { adminPool, withDatabase } from "../support/postgres-admin";
import { killAll, start } from "../support/server-process";

const baseUrl = process.env.TEST_DATABASE_URL;

async function login(url: string, handle: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `${handle}@peerloop.demo`, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { token: body.token, id: body.user.id };
}

/** Reads server-sent events from a stream, calling `onEvent` with each parsed `data:`. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: { type: string; collections?: string[] }) => void,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const data = buffer
        .slice(0, end)
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trim())
        .join("\n");
      if (data) onEvent(JSON.parse(data));
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
    }
  }
}

describe.skipIf(!baseUrl)("live changes across two server processes on one Postgres", () => {
  const dbName = `peerloop_live_${randomBytes(5).toString("hex")}`;
  let a = "";
  let b = "";

  beforeAll(async () => {
    const admin = adminPool(baseUrl ?? "");
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const env = { DATABASE_URL: withDatabase(baseUrl ?? "", dbName) };
    // One after the other: the first migrates and seeds, the second finds it done.
    a = (await start(env)).url;
    b = (await start(env)).url;
  }, 120_000);

  afterAll(async () => {
    killAll();
    await new Promise((r) => setTimeout(r, 300)); // let the killed processes' sockets close
    const admin = adminPool(baseUrl ?? "");
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it("a message pushed to one process reaches a device on the other within a second", async () => {
    expect(a).not.toBe(b);
    const learner = await login(a, "demo");
    const teacher = await login(b, "marcus");
    const abort = new AbortController();
    const stream = await fetch(`${b}/sync/stream`, {
      headers: { authorization: `Bearer ${teacher.token}` },
      signal: abort.signal,
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    let hello: () => void = () => {};
    const helloSeen = new Promise<void>((r) => {
      hello = r;
    });
    let changedAt = 0;
    const changed = new Promise<void>((resolve) => {
      void readEvents(stream.body as ReadableStream<Uint8Array>, (e) => {
        if (e.type === "hello") hello();
        if (e.type === "changed" && e.collections?.includes("messages")) {
          changedAt = performance.now();
          resolve();
        }
      });
    });
    await helloSeen;

    const id = uuidv7();
    const message = {
      id,
      conversationId: directConversationId(learner.id, teacher.id),
      senderId: learner.id,
      content: "Crossing processes",
      createdAt: new Date().toISOString(),
      _deleted: false,
    };
    const sentAt = performance.now();
    const push = await fetch(`${a}/sync/messages/push`, {
      method: "POST",
      headers: { authorization: `Bearer ${learner.token}`, "content-type": "application/json" },
      body: JSON.stringify([{ newDocumentState: message }]),
    });
    expect(push.status).toBe(200);
    await Promise.race([
      changed,
      new Promise((_, reject) => setTimeout(() => reject(new Error("no event in 1 s")), 1000)),
    ]);
    expect(changedAt - sentAt).toBeLessThan(1000);

    // And the teacher's pull from the other process has it.
    const pulled = await fetch(`${b}/sync/messages/pull?limit=1000`, {
      headers: { authorization: `Bearer ${teacher.token}` },
    });
    const docs = ((await pulled.json()) as { documents: { id: string; content: string }[] })
      .documents;
    expect(docs.find((d) => d.id === id)?.content).toBe("Crossing processes");
    abort.abort();
  });
});
