/**
 * Serves the built PWA (`dist/client`, made by `vite build`): its files, and index.html for
 * any other page request (GET, Accept: text/html) outside the server's own paths, so app
 * routes (/courses/x, /learn/…) and the emailed links (/verify-email, /reset-password) open
 * the app.
 *
 * Caching: files under /assets carry a content hash in their names and never change, so
 * browsers keep them a year without asking (`immutable`). Everything else — index.html,
 * the service worker, the manifest, icons — must be revalidated (`no-cache` + ETag), or an
 * update would never reach installed apps. (Headers are set here rather than through
 * @hono/node-server's serveStatic, whose onFound headers are lost in 2.1.9.)
 *
 * When dist/client has not been built, every request falls through (JSON 404s as before).
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { MiddlewareHandler } from "hono";

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL("../../dist/client/", import.meta.url));

/** Paths that belong to the server: never answered with the app. */
const SERVER_PATHS = /^\/(api|sync|health|verify)(\/|$)/;
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([
  ".html",
  ".js",
  ".mjs",
  ".css",
  ".json",
  ".webmanifest",
  ".svg",
  ".txt",
]);

interface Loaded {
  etag: string;
  body: Buffer;
  gzip: Buffer | null;
}

export function serveClient(root: string = DEFAULT_CLIENT_DIR): MiddlewareHandler {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  // Files are read once per version (size + mtime) and kept, gzipped, in memory: the
  // whole app is a few hundred kB.
  const cache = new Map<string, Loaded>();

  async function load(file: string): Promise<Loaded | null> {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    const hit = cache.get(file);
    if (hit?.etag === etag) return hit;
    const body = await readFile(file);
    const gzip = COMPRESSIBLE.has(extname(file)) && body.length > 1024 ? gzipSync(body) : null;
    const loaded = { etag, body, gzip };
    cache.set(file, loaded);
    return loaded;
  }

  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== "GET" && method !== "HEAD") || SERVER_PATHS.test(path)) return next();

    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return next();
    }
    const file = normalize(join(base, rel));
    const inside = file.startsWith(base) && !rel.split("/").some((s) => s.startsWith("."));
    let target = inside && rel !== "/" ? file : null;
    let loaded = target ? await load(target) : null;
    if (!loaded) {
      // A missing file with an extension (/assets/old.js) is a real 404, not the app; and
      // only browsers asking for a page get the app (curl and API clients keep the JSON 404).
      if (extname(rel) !== "" && rel !== "/") return next();
      if (!/\btext\/html\b/.test(c.req.header("accept") ?? "")) return next();
      target = join(base, "index.html");
      loaded = await load(target);
      if (!loaded) return next(); // not built
    }

    const immutable = /^\/assets\//.test(rel) || /^\/workbox-[\w-]+\.js$/.test(rel);
    const headers: Record<string, string> = {
      "content-type": TYPES[extname(target as string)] ?? "application/octet-stream",
      "cache-control": immutable ? IMMUTABLE : REVALIDATE,
      etag: loaded.etag,
      vary: "accept-encoding",
    };
    if (c.req.header("if-none-match") === loaded.etag) {
      return c.body(null, 304, headers);
    }
    let body = loaded.body;
    if (loaded.gzip && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      body = loaded.gzip;
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(body.length);
    if (method === "HEAD") return c.body(null, 200, headers);
    return c.body(new Uint8Array(body), 200, headers);
  };
}
