/**
 * The one place an exception becomes an HTTP answer: `ApiError`s keep their status and code,
 * Hono's own 4xx become `validation_failed`, a value Postgres refused becomes a 400 (logged,
 * since a route's validation missed it), and anything else is a logged 500 that reveals
 * nothing.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { dataException } from "../db/errors";
import type { Logger } from "../log";
import { ApiError, errorBody } from "./errors";

export function handleError(err: Error, c: Context, fallbackLog: Logger): Response {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(errorBody("validation_failed", err.message || "Bad request."), err.status);
  }
  const log: Logger = c.get("log") ?? fallbackLog;
  const where = { method: c.req.method, path: c.req.path };
  if (dataException(err)) {
    log.warn("database refused a request value (a route's validation missed it)", {
      err,
      ...where,
    });
    return c.json(errorBody("validation_failed", "A value in the request is not valid."), 400);
  }
  log.error("unhandled error", { err, ...where });
  return c.json(errorBody("internal", "Something went wrong on our side."), 500);
}
