/**
 * The Hono application: middleware, the API routes and the error mapping. It speaks only
 * Web Request/Response, so tests drive it in-process with `app.request()`; main.ts binds it
 * to a port.
 */

import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { z } from "zod";
import { uuidv7 } from "../shared/ids/uuidv7";
import { registerAdminApi } from "./admin/routes/api";
import { registerAdminPages } from "./admin/routes/pages";
import { authenticate } from "./auth/middleware";
import { registerAuthRoutes } from "./auth/routes";
import { registerCatalogRoutes } from "./catalog/routes";
import { registerReassignRoutes } from "./credentials/reassign-routes";
import { registerCredentialRoutes } from "./credentials/routes";
import { allowedMethodsFor } from "./http/allowed-methods";
import { ApiRouter } from "./http/api-router";
import type { AppEnv, Deps } from "./http/context";
import { handleError } from "./http/error-handler";
import { ApiError, errorBody } from "./http/errors";
import { buildOpenApi } from "./http/openapi";
import { serveClient } from "./http/static";
import { registerPaymentRoutes } from "./payments/routes";
import { registerCalendarRoutes } from "./scheduling/calendar";
import { registerSchedulingRoutes } from "./scheduling/routes";
import { registerSyncRoutes } from "./sync/routes";
import { APP_VERSION } from "./version";

const startedAt = Date.now();

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    const requestId = c.req.header("x-request-id")?.slice(0, 64) || uuidv7();
    c.set("deps", deps);
    c.set("requestId", requestId);
    c.set("log", deps.log.child({ requestId }));
    const t0 = performance.now();
    await next();
    c.header("x-request-id", requestId);
    c.get("log").debug("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - t0),
    });
  });
  app.use("*", secureHeaders());
  if (deps.config.CORS_ORIGINS.length) {
    const corsFor = cors({
      origin: deps.config.CORS_ORIGINS,
      allowHeaders: ["authorization", "content-type"],
      allowMethods: ["GET", "POST", "OPTIONS"],
      credentials: true,
      maxAge: 600,
    });
    app.use("/api/*", corsFor);
    app.use("/sync/*", corsFor);
  }
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.config.MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          "payload_too_large",
          `Request bodies are limited to ${deps.config.MAX_BODY_BYTES} bytes.`,
        );
      },
    }),
  );
  // Pushes carry up to PUSH_MAX_ROWS documents: a larger allowance than the JSON API.
  app.use(
    "/sync/*",
    bodyLimit({
      maxSize: deps.config.SYNC_MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          "payload_too_large",
          `Sync pushes are limited to ${deps.config.SYNC_MAX_BODY_BYTES} bytes.`,
        );
      },
    }),
  );
  // JSON answers compress well (a course page ~5 kB). Not /sync: the event stream must flush
  // each event as it happens, and sync batches are mostly read by nearby servers' devices.
  app.use("/api/*", compress());
  app.use("/api/*", authenticate);
  app.use("/sync/*", authenticate);

  const api = new ApiRouter();
  registerHealthRoute(api);
  registerAuthRoutes(api);
  registerCatalogRoutes(api);
  registerSyncRoutes(api);
  registerCredentialRoutes(api);
  registerAdminApi(api);
  registerPaymentRoutes(api);
  registerSchedulingRoutes(api);
  registerCalendarRoutes(api);
  registerReassignRoutes(api);
  const openApi = buildOpenApi(api.specs, APP_VERSION);
  api.app.get("/api/openapi.json", (c) => c.json(openApi));
  app.route("/", api.app);
  // The admin dashboard's HTML pages (server-rendered; same port, same session cookie).
  registerAdminPages(app);
  // The built PWA (dist/client) and its routes; falls through when it is not built.
  app.use("*", serveClient());

  const allowedMethods = allowedMethodsFor(api.specs);
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    if (allowed.length) {
      c.header("allow", allowed.join(", "));
      return c.json(
        errorBody(
          "method_not_allowed",
          `${c.req.path} answers ${allowed.join(", ")}, not ${c.req.method}.`,
        ),
        405,
      );
    }
    return c.json(errorBody("not_found", `Nothing at ${c.req.method} ${c.req.path}.`), 404);
  });
  app.onError((err, c) => handleError(err, c, deps.log));
  return app;
}

const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  db: z.enum(["pglite", "postgres"]),
  version: z.string(),
  uptimeSeconds: z.number(),
});

function registerHealthRoute(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/health",
      tag: "Operations",
      summary: "Liveness and database reachability",
      auth: "none",
      responses: {
        200: { description: "Healthy", schema: healthSchema },
        503: { description: "The database does not answer", schema: healthSchema },
      },
    },
    async (c) => {
      const { db, dbKind } = c.get("deps");
      const dbOk = await db.execute(sql`select 1`).then(
        () => true,
        () => false,
      );
      const body = {
        status: dbOk ? ("ok" as const) : ("degraded" as const),
        db: dbKind,
        version: APP_VERSION,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
      return c.json(body, dbOk ? 200 : 503);
    },
  );
}
