/**
 * One declaration per route: method, path, input schemas, auth and responses. The router
 * registers the handler with validation in front of it, and keeps the declaration so the
 * OpenAPI document (openapi.ts) is generated from the very schemas that validate requests.
 */
import { type Context, Hono } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
type Schema = z.ZodType;

export interface RouteSpec<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
> {
  method: HttpMethod;
  /** Hono path syntax (`/api/courses/:slug`), absolute. */
  path: string;
  summary: string;
  tag: string;
  /** `user`: 401 unless signed in. `optional`: the user is there if signed in. */
  auth: "none" | "optional" | "user";
  body?: B;
  query?: Q;
  responses: Record<number, { description: string; schema?: Schema }>;
}

export type RouteInput<B, Q> = {
  body: B extends Schema ? z.output<B> : undefined;
  query: Q extends Schema ? z.output<Q> : undefined;
};

type Handler<B, Q> = (c: Context<AppEnv>, input: RouteInput<B, Q>) => Response | Promise<Response>;

export class ApiRouter {
  readonly app = new Hono<AppEnv>();
  // biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of specs
  readonly specs: RouteSpec<any, any>[] = [];

  route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
    spec: RouteSpec<B, Q>,
    handler: Handler<B, Q>,
  ): void {
    this.specs.push(spec);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      if (spec.auth === "user" && !c.get("user")) {
        throw new ApiError(401, "unauthorized", "Sign in to do this.");
      }
      const body = spec.body ? await parseJsonBody(c, spec.body) : undefined;
      const query = spec.query ? validate(spec.query, c.req.query()) : undefined;
      return handler(c, { body, query } as RouteInput<B, Q>);
    });
  }
}

async function parseJsonBody(c: Context<AppEnv>, schema: Schema): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
  return validate(schema, json);
}

export function validate<S extends Schema>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.join("."),
      message: i.message,
    }));
    const first = details[0];
    const message = first ? `${first.path || "body"}: ${first.message}` : "Invalid input.";
    throw new ApiError(400, "validation_failed", message, details);
  }
  return parsed.data;
}
