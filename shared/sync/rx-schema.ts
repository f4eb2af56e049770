/**
 * The RxDB JSON schema of a collection, derived from its zod declaration. Dexie needs every
 * indexed field required and indexed strings bounded (maxLength); RxDB forbids extra fields.
 */
import { z } from "zod";
import type { CollectionDecl } from "./collection";

const UUID_LENGTH = 36;

type Json = Record<string, unknown>;

/** zod 4 writes nullable as anyOf [T, null]; RxDB's schema checks want `type: [T, "null"]`. */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (!node || typeof node !== "object") return node;
  const n = { ...(node as Json) };
  delete n.$schema;
  // Keywords only (a string value), never a property that happens to be called so
  // (courses.format): patterns and formats are enforced by zod on the server.
  if (typeof n.pattern === "string") delete n.pattern;
  if (typeof n.format === "string") delete n.format;
  const anyOf = n.anyOf as Json[] | undefined;
  if (anyOf && anyOf.length === 2 && anyOf.some((s) => s.type === "null")) {
    const other = anyOf.find((s) => s.type !== "null") as Json;
    delete n.anyOf;
    const merged = simplify(other) as Json;
    // An enum must list null too, or a null value fails validation despite the type.
    const values = Array.isArray(merged.enum) ? { enum: [...merged.enum, null] } : {};
    return { ...n, ...merged, ...values, type: [merged.type, "null"].flat() };
  }
  for (const [k, v] of Object.entries(n)) n[k] = simplify(v);
  return n;
}

export function toRxJsonSchema(decl: CollectionDecl) {
  const js = simplify(z.toJSONSchema(decl.schema, { io: "output" })) as Json & {
    properties: Record<string, Json>;
    required?: string[];
  };
  const properties = { ...js.properties };
  const idProp = properties.id;
  if (idProp) properties.id = { ...idProp, maxLength: UUID_LENGTH };
  for (const field of decl.indexes.flat()) {
    const prop = properties[field];
    if (!prop) throw new Error(`${decl.name}: index on unknown field ${field}`);
    if (prop.type === "string" && prop.maxLength === undefined) {
      const max =
        decl.indexedMaxLength?.[field] ?? (field.endsWith("Id") ? UUID_LENGTH : undefined);
      if (max === undefined)
        throw new Error(`${decl.name}: indexed string ${field} needs a maxLength`);
      properties[field] = { ...prop, maxLength: max };
    }
    if (prop.type === "number" || prop.type === "integer") {
      // Dexie/RxDB index numbers through a fixed-width string: bounds are required.
      properties[field] = {
        minimum: 0,
        maximum: 1_000_000,
        multipleOf: 1,
        ...properties[field],
        type: "number",
      };
    }
  }
  return {
    version: decl.version,
    primaryKey: "id",
    type: "object" as const,
    properties,
    required: js.required ?? [],
    indexes: decl.indexes.map((i) => (i.length === 1 ? i[0] : i)) as (string | string[])[],
    additionalProperties: false,
  };
}
