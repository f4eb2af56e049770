/**
 * A small server-sent-events client over `fetch` + ReadableStream. Browsers have
 * EventSource, but it cannot send an Authorization header and Node 20 has none; this one
 * runs in both, reconnects with backoff, notices a silent connection by its missing
 * heartbeats, and stops cleanly.
 */

export interface SseMessage {
  /** `event:` field; "message" when absent. */
  event: string;
  data: string;
  /** Last `id:` seen on this connection ("" when none). */
  lastEventId: string;
}

/**
 * The event-stream parser (WHATWG HTML §9.2.6), fed with decoded text in chunks of any size:
 * a line, a CRLF pair or a UTF-8 sequence may be split across chunks.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private eventType = "";
  private lastEventId = "";
  private sawBom = false;
  /** A chunk ended in CR: a LF starting the next chunk belongs to that line break. */
  private pendingCr = false;

  constructor(
    private readonly onMessage: (m: SseMessage) => void,
    private readonly onComment: (text: string) => void = () => {},
    private readonly onRetry: (ms: number) => void = () => {},
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (!this.sawBom && text.length > 0) {
      this.sawBom = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== "\n" && c !== "\r") continue;
      this.line(this.buffer.slice(start, i));
      if (c === "\r") {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer[i + 1] === "\n") i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** Forget a half-received event (the connection it came on is gone). */
  reset(): void {
    this.buffer = "";
    this.data = [];
    this.eventType = "";
    this.pendingCr = false;
    this.sawBom = false;
  }

  private line(line: string): void {
    if (line === "") {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) {
      this.onComment(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.eventType = value;
        break;
      case "id":
        if (!value.includes("\0")) this.lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.onRetry(Number(value));
        break;
      default: // unknown fields are ignored, as the spec says
    }
  }

  private dispatch(): void {
    const data = this.data;
    const event = this.eventType || "message";
    this.data = [];
    this.eventType = "";
    if (data.length === 0) return;
    this.onMessage({ event, data: data.join("\n"), lastEventId: this.lastEventId });
  }
}

export interface SseOptions {
  url: string;
  fetch?: typeof fetch;
  /** Called before each connection attempt (a token may have been renewed meanwhile). */
  headers?: () => Promise<Record<string, string>> | Record<string, string>;
  onMessage: (m: SseMessage) => void;
  /** A connection was established (response 200 with an event stream). */
  onOpen?: () => void;
  /** A connection failed or ended; `willRetryInMs` until the next attempt. */
  onError?: (err: unknown, willRetryInMs: number) => void;
  /** Reconnect when nothing (not even a `: ping`) arrived for this long. Default 45 s. */
  heartbeatTimeoutMs?: number;
  /** First reconnect delay, doubled per failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface SseConnection {
  /** Skip the backoff wait and connect now (e.g. the browser says it is online again). */
  reconnectNow(): void;
  close(): void;
  readonly connected: boolean;
}

export class SseHttpError extends Error {
  constructor(readonly status: number) {
    super(`event stream answered HTTP ${status}`);
  }
}

/** Opens the stream and keeps it open until `close()`. */
export function connectSse(options: SseOptions): SseConnection {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const heartbeatMs = options.heartbeatTimeoutMs ?? 45_000;
  const minBackoff = options.minBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  let closed = false;
  let connected = false;
  let failures = 0;
  let serverRetryMs: number | null = null;
  let current: AbortController | null = null;
  let wakeUp: (() => void) | null = null;

  const parser = new SseParser(
    (m) => {
      failures = 0; // the server talks: the next outage starts from the shortest delay again
      options.onMessage(m);
    },
    () => {},
    (ms) => {
      serverRetryMs = ms;
    },
  );

  async function connectOnce(): Promise<void> {
    const abort = new AbortController();
    current = abort;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const armHeartbeat = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => abort.abort(new Error("event stream heartbeat timed out")),
        heartbeatMs,
      );
    };
    try {
      armHeartbeat();
      const headers = { accept: "text/event-stream", ...(await options.headers?.()) };
      const res = await doFetch(options.url, { headers, signal: abort.signal, cache: "no-store" });
      if (res.status !== 200 || !res.body) {
        await res.body?.cancel().catch(() => {});
        throw new SseHttpError(res.status);
      }
      connected = true;
      parser.reset();
      options.onOpen?.();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          armHeartbeat();
          parser.push(decoder.decode(value, { stream: true }));
        }
      } finally {
        reader.releaseLock();
      }
      throw new Error("event stream ended");
    } finally {
      clearTimeout(timer);
      connected = false;
      current = null;
      abort.abort(); // release the socket if we left for any other reason
    }
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  (async () => {
    while (!closed) {
      try {
        await connectOnce();
      } catch (err) {
        if (closed) break;
        failures++;
        const exponential = Math.min(maxBackoff, minBackoff * 2 ** (failures - 1));
        const base = Math.max(serverRetryMs ?? 0, exponential);
        // ±20 % jitter so that devices cut off together do not all come back together.
        const wait = Math.round(base * (0.8 + Math.random() * 0.4));
        options.onError?.(err, wait);
        await delay(wait);
      }
    }
  })();

  return {
    reconnectNow() {
      failures = 0;
      wakeUp?.();
    },
    close() {
      closed = true;
      current?.abort();
      wakeUp?.();
    },
    get connected() {
      return connected;
    },
  };
}
