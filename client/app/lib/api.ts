/**
 * Calls to the server's JSON API (/api). Tells "no answer" (offline) apart from an error
 * answer, so screens can say "you are offline" calmly instead of showing an error.
 */

/** The server answered with an error: `code` is from its closed list (errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** No answer at all: the device or the server is offline. */
export class OfflineError extends Error {}

export interface ApiOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new OfflineError("You are offline.", { cause: err });
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null; // a proxy's HTML error page: reported by status below
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)
      ?.error;
    throw new ApiError(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? `The server answered ${res.status}.`,
      e?.details,
    );
  }
  return body as T;
}

/** A sentence for the person in front of the screen. */
export function describeError(err: unknown): string {
  if (err instanceof OfflineError) return "You are offline. Try again when you have a connection.";
  if (err instanceof ApiError) {
    if (err.status === 429) return "Too many attempts. Please wait a few minutes and try again.";
    return err.message;
  }
  return "Something went wrong. Please try again.";
}
