/** Builds the OpenAPI 3.1 document from the route declarations (JSON Schema 2020-12). */
import { z } from "zod";
import type { RouteSpec } from "./api-router";
import { ERROR_CODES } from "./errors";

const errorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
}

// biome-ignore lint/suspicious/noExplicitAny: heterogeneous specs
export function buildOpenApi(specs: RouteSpec<any, any>[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:(\w+)/g, "{$1}");
    const pathParams = [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const queryParams = spec.query ? queryParameters(spec.query) : [];
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(spec.responses)) {
      responses[status] = r.schema
        ? {
            description: r.description,
            content: { "application/json": { schema: jsonSchema(r.schema, "output") } },
          }
        : { description: r.description };
    }
    responses.default = {
      description: "Error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
    paths[path] ??= {};
    paths[path][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.auth === "user" ? { security: [{ bearer: [] }, { cookie: [] }] } : {}),
      parameters: [...pathParams, ...queryParams],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(spec.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "PeerLoop API",
      version,
      description: "Accounts, the JSON API and the sync protocol of the PeerLoop server.",
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, "output") },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "peerloop_session" },
      },
    },
  };
}

function queryParameters(schema: z.ZodType) {
  const js = jsonSchema(schema, "input") as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: js.required?.includes(name) ?? false,
    schema: s,
  }));
}
