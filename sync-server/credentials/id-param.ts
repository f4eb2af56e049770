/** A path id that is not a UUID names nothing, and must never reach a uuid column (500). */
import type { Context } from "hono";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { isUuid } from "./verify";

export function idParam(c: Context<AppEnv>, name = "id"): string {
  const id = c.req.param(name) ?? "";
  if (!isUuid(id)) throw new ApiError(404, "not_found", "Nothing with this id.");
  return id;
}
