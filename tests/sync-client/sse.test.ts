/** The SSE reader: parsing across arbitrary chunk boundaries, reconnects, heartbeats, stop. */
import { describe, expect, it } from "vitest";
import { connectSse, type SseMessage, SseParser } from "../../client/sync/sse";

function parseAll(chunks: string[]) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const p = new SseParser(
    (m) => messages.push(m),
    (c) => comments.push(c),
    (r) => retries.push(r),
  );
  for (const c of chunks) p.push(c);
  return { messages, comments, retries };
}

const STREAM =
  "\uFEFF: ping\r\n\r\n" +
  'data: {"type":"hello","collections":["messages"]}\n\n' +
  "event: custom\nid: 7\ndata: line one\ndata:line two\r\n\r\n" +
  ": ping\n\n" +
  "retry: 1500\n" +
  'data: {"type":"changed","collections":["messages","progress"]}\r\r' +
  "data\n\n" +
  "unknown: field\ndata: é✓😀\n\n" +
  "data: never finished";

const EXPECTED: SseMessage[] = [
  { event: "message", data: '{"type":"hello","collections":["messages"]}', lastEventId: "" },
  { event: "custom", data: "line one\nline two", lastEventId: "7" },
  {
    event: "message",
    data: '{"type":"changed","collections":["messages","progress"]}',
    lastEventId: "7",
  },
  { event: "message", data: "", lastEventId: "7" },
  { event: "message", data: "é✓😀", lastEventId: "7" },
];

describe("SseParser", () => {
  it("parses a stream in one piece: events, comments, CR/LF/CRLF, retry, BOM", () => {
    const out = parseAll([STREAM]);
    expect(out.messages).toEqual(EXPECTED);
    expect(out.comments).toEqual(["ping", "ping"]);
    expect(out.retries).toEqual([1500]);
  });

  it("gives the same result for every split into two chunks, and one character at a time", () => {
    for (let i = 0; i <= STREAM.length; i++) {
      const out = parseAll([STREAM.slice(0, i), STREAM.slice(i)]);
      expect(out.messages, `split at ${i}`).toEqual(EXPECTED);
      expect(out.comments).toHaveLength(2);
    }
    expect(parseAll([...STREAM]).messages).toEqual(EXPECTED);
  });

  it("does not dispatch an event whose blank line has not arrived", () => {
    expect(parseAll(["data: a\n"]).messages).toEqual([]);
  });
});

/** A fake server: each call to fetch gets the next scripted connection. */
interface Conn {
  push(text: string | Uint8Array): void;
  end(): void;
  signal: AbortSignal;
  headers: Record<string, string>;
}

function fakeFetch(statuses: number[] = []) {
  const conns: Conn[] = [];
  const waiters: ((c: Conn) => void)[] = [];
  let calls = 0;
  const fetch = (async (_url: string, init: RequestInit) => {
    const status = statuses[calls++] ?? 200;
    const signal = init.signal as AbortSignal;
    if (status !== 200) return new Response("nope", { status });
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
    });
    signal.addEventListener("abort", () => {
      try {
        controller.error(signal.reason);
      } catch {}
    });
    const enc = new TextEncoder();
    const conn: Conn = {
      push: (t) => controller.enqueue(typeof t === "string" ? enc.encode(t) : t),
      end: () => controller.close(),
      signal,
      headers: init.headers as Record<string, string>,
    };
    conns.push(conn);
    waiters.shift()?.(conn);
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
  }) as unknown as typeof globalThis.fetch;
  const next = (n: number) =>
    conns[n] ? Promise.resolve(conns[n]) : new Promise<Conn>((r) => waiters.push(r));
  return { fetch, conns, next, calls: () => calls };
}

const until = async (cond: () => boolean, ms = 2000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("connectSse", () => {
  it("sends the auth header, decodes UTF-8 split inside a character, reconnects after the end", async () => {
    const server = fakeFetch();
    const got: string[] = [];
    let opens = 0;
    const errors: unknown[] = [];
    const sse = connectSse({
      url: "http://x/sync/stream",
      fetch: server.fetch,
      headers: () => ({ authorization: "Bearer t" }),
      onMessage: (m) => got.push(m.data),
      onOpen: () => opens++,
      onError: (e) => errors.push(e),
      minBackoffMs: 5,
    });
    const c0 = await server.next(0);
    expect(c0.headers.authorization).toBe("Bearer t");
    const bytes = new TextEncoder().encode("data: 😀\n\n");
    c0.push(bytes.slice(0, 8)); // "data: " + half of the emoji
    c0.push(bytes.slice(8));
    await until(() => got.length === 1);
    c0.push("data: half an ev");
    c0.end(); // the server restarts mid-event
    const c1 = await server.next(1);
    c1.push("ent\n\ndata: second\n\n");
    await until(() => got.length === 2);
    expect(got).toEqual(["😀", "second"]); // the torn event was dropped, not glued
    expect(opens).toBe(2);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    sse.close();
  });

  it("reconnects when heartbeats stop, and backs off on error answers", async () => {
    const server = fakeFetch([503, 200, 200]);
    let opens = 0;
    const sse = connectSse({
      url: "http://x/s",
      fetch: server.fetch,
      onMessage: () => {},
      onOpen: () => opens++,
      heartbeatTimeoutMs: 60,
      minBackoffMs: 5,
    });
    const c0 = await server.next(0); // second call (first got 503)
    c0.push(": ping\n\n");
    await new Promise((r) => setTimeout(r, 40));
    c0.push(": ping\n\n"); // still alive at 40 ms: a ping resets the timer
    await new Promise((r) => setTimeout(r, 40));
    expect(c0.signal.aborted).toBe(false);
    await until(() => c0.signal.aborted, 500); // silent for 60 ms: cut and reconnect
    await server.next(1);
    await until(() => opens === 2);
    expect(server.calls()).toBe(3);
    sse.close();
  });

  it("close() aborts the connection and stops reconnecting", async () => {
    const server = fakeFetch();
    const sse = connectSse({
      url: "http://x/s",
      fetch: server.fetch,
      onMessage: () => {},
      minBackoffMs: 5,
    });
    const c0 = await server.next(0);
    await until(() => sse.connected);
    sse.close();
    expect(c0.signal.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.calls()).toBe(1);
    expect(sse.connected).toBe(false);
  });
});
