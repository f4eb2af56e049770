/**
 * Requests to the sync server with the device's bearer token. Tells apart the three ways a
 * request can end — no answer (offline), an error answer, a good answer — because the sync
 * status reports the first as "offline" and the second as an error.
 */

export interface SyncHttpOptions {
  /** The server's origin, e.g. "https://peerloop.example" (no trailing slash needed). */
  baseUrl: string;
  /** The session token, or null when signed out (requests then go without one). */
  getToken: () => string | null | Promise<string | null>;
  fetch?: typeof fetch;
  /**
   * A request with no complete answer after this long is given up as "no answer" (and
   * retried by the replication). Without it, a connection that dies mid-request (a lost
   * Wi-Fi, a sleeping laptop, a captive portal) can leave a pull or push waiting for ever,
   * and that collection's sync with it.
   */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** No HTTP answer at all: the device or the server is offline. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
}

/** The server answered with an error status; `code` is its `error.code` when it sent one. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export interface SyncHttp {
  url(path: string): string;
  headers(): Promise<Record<string, string>>;
  /** Resolves with any HTTP answer; rejects with NetworkError when there is none. */
  request(method: "GET" | "POST", path: string, body?: unknown): Promise<HttpAnswer>;
  fetch: typeof fetch;
}

export function createSyncHttp(
  options: SyncHttpOptions,
  onReachable: (reachable: boolean) => void,
): SyncHttp {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = async (): Promise<Record<string, string>> => {
    const token = await options.getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  return {
    url: (path) => `${base}${path}`,
    headers,
    fetch: doFetch,
    async request(method, path, body) {
      const h: Record<string, string> = { accept: "application/json", ...(await headers()) };
      if (body !== undefined) h["content-type"] = "application/json";
      const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
      // One signal for the whole exchange: it also ends a body that stops arriving.
      const signal = AbortSignal.timeout(timeoutMs);
      const noAnswer = (err: unknown) => {
        onReachable(false);
        const why = signal.aborted ? `no answer within ${timeoutMs} ms` : errorMessage(err);
        return new NetworkError(`${method} ${path}: ${why}`, { cause: err });
      };
      let res: Response;
      try {
        res = await doFetch(`${base}${path}`, {
          method,
          headers: h,
          cache: "no-store",
          signal,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        throw noAnswer(err);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (err) {
        throw noAnswer(err);
      }
      onReachable(true);
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (a proxy's error page): keep the text for the error message
      }
      return { status: res.status, body: parsed };
    },
  };
}

/** The server's error envelope `{ error: { code, message, details } }` as an HttpError. */
export function toHttpError(what: string, answer: HttpAnswer): HttpError {
  const err = (answer.body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  const code = typeof err?.code === "string" ? err.code : `http_${answer.status}`;
  const message =
    typeof err?.message === "string"
      ? err.message
      : typeof answer.body === "string"
        ? answer.body.slice(0, 200)
        : `HTTP ${answer.status}`;
  return new HttpError(answer.status, code, `${what}: ${message}`, err?.details);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
