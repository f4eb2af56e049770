/**
 * The live stream (GET /sync/stream): one server-sent-events connection per device, told
 * which collections changed for its user — within a second of the write, and only for
 * writes it may see.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { directConversationId } from "../../shared/ids/derived-id";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { StreamEvent } from "../../shared/sync/protocol";
import { COLLECTION_NAMES } from "../../shared/sync/registry";
import { push, register } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const LIVE_MS = 1000;

/** Reads server-sent events from a response body, one `data:` event at a time. */
class SseReader {
  private buffer = "";
  private readonly decoder = new TextDecoder();
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** The next event's parsed data (comments such as heartbeats are skipped). */
  async next(timeoutMs: number): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const data = block
          .split("\n")
          .filter((l) => l.startsWith("data:"))
          .map((l) => l.slice(5).trimStart())
          .join("\n");
        if (data) return JSON.parse(data) as StreamEvent;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      this.pending ??= this.reader.read();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((r) => {
        timer = setTimeout(() => r("timeout"), left);
      });
      const got = await Promise.race([this.pending, timeout]);
      clearTimeout(timer);
      if (got === "timeout") continue;
      this.pending = null;
      if (got.done) throw new Error("the stream ended");
      this.buffer += this.decoder.decode(got.value, { stream: true });
    }
  }

  cancel() {
    return this.reader.cancel().catch(() => {});
  }
}

describe.each(databaseKinds())("live stream on %s", (kind) => {
  let t: TestApp;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let carol: { id: string; token: string };
  const open: SseReader[] = [];

  const conversationOf = async (a: string, b: string) => {
    const id = directConversationId(a, b);
    await t.deps.db.execute(sql`INSERT INTO conversations (id) VALUES (${id})`);
    await t.deps.db.execute(
      sql`INSERT INTO conversation_participants (conversation_id, user_id)
          VALUES (${id}, ${a}), (${id}, ${b})`,
    );
    return id;
  };
  const send = (from: { id: string; token: string }, conversationId: string, content: string) =>
    push(t, from.token, "messages", [
      {
        newDocumentState: {
          id: uuidv7(),
          conversationId,
          senderId: from.id,
          content,
          createdAt: new Date().toISOString(),
        },
      },
    ]);
  const connect = async (token?: string) => {
    const res = await t.app.request("/sync/stream", {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    alice = await register(t, "stream_alice");
    bob = await register(t, "stream_bob");
    carol = await register(t, "stream_carol");
  });
  afterEach(async () => {
    // Cancelling the body aborts the stream on the server (unsubscribes the device).
    await Promise.all(open.splice(0).map((r) => r.cancel()));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a request without a valid token (401)", async () => {
    for (const token of [undefined, "not-a-session-token"]) {
      const res = await connect(token);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
    expect(t.deps.hub.connectedDevices).toBe(0);
  });

  it("says hello, then tells the device within a second that a message arrived — and nothing about others' conversations", async () => {
    const withBob = await conversationOf(alice.id, bob.id);
    const withCarol = await conversationOf(alice.id, carol.id);

    const res = await connect(bob.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    if (!res.body) throw new Error("no body");
    const events = new SseReader(res.body.getReader());
    open.push(events);
    expect(await events.next(LIVE_MS)).toEqual({ type: "hello", collections: COLLECTION_NAMES });
    expect(t.deps.hub.connectedDevices).toBe(1);

    // Not Bob's business: Alice writes to Carol.
    expect((await send(alice, withCarol, "hi Carol")).status).toBe(200);

    const start = performance.now();
    const pushed = await send(alice, withBob, "hi Bob");
    expect(pushed.status).toBe(200);
    const first = await events.next(LIVE_MS);
    const elapsed = performance.now() - start;
    expect(first).toEqual({ type: "changed", collections: ["messages"] });
    expect(elapsed).toBeLessThan(LIVE_MS);
    // The same push moved the conversation's updatedAt: that comes next, and nothing else
    // came before it (Alice's message to Carol would have come first).
    expect(await events.next(LIVE_MS)).toEqual({ type: "changed", collections: ["conversations"] });
    console.info(`live stream on ${kind}: push → "changed" in ${Math.round(elapsed)} ms`);
  });

  it("stops telling a device once it has disconnected", async () => {
    const res = await connect(carol.token);
    if (!res.body) throw new Error("no body");
    const events = new SseReader(res.body.getReader());
    expect((await events.next(LIVE_MS)).type).toBe("hello");
    expect(t.deps.hub.connectedDevices).toBe(1);
    await events.cancel();
    expect(t.deps.hub.connectedDevices).toBe(0);
  });
});
