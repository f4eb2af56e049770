/**
 * A request the server never finishes answering must not hold a collection's sync for
 * ever: past the timeout it fails as "no answer" (a NetworkError, which the replication
 * retries), whether nothing came back or the body stopped half-way.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncHttp, NetworkError } from "../../client/sync/http";

describe("sync requests that never finish", () => {
  let server: Server;
  let base = "";

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/silent") return; // accepts, never answers
      if (req.url === "/stalls") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"documents": ['); // and nothing more
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok": true}');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const http = (reachable: boolean[]) =>
    createSyncHttp({ baseUrl: base, getToken: () => null, requestTimeoutMs: 300 }, (ok) =>
      reachable.push(ok),
    );

  it.each(["/silent", "/stalls"])("gives up on %s as no answer, and says so", async (path) => {
    const reachable: boolean[] = [];
    const err = await http(reachable)
      .request("GET", path)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toContain("no answer within 300 ms");
    expect(reachable).toEqual([false]);
  });

  it("answers as usual when the server does", async () => {
    const reachable: boolean[] = [];
    expect(await http(reachable).request("GET", "/ok")).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(reachable).toEqual([true]);
  });
});
