/**
 * Shaping documents that arrive from the server for local storage: only the collection's
 * own fields (RxDB schemas forbid extra ones), and complete tombstones. The server may send
 * a deleted document as `{ id, _deleted: true }`; the device stores it with the last fields
 * it knew, or schema-valid placeholders when it never had the document.
 */

type Doc = Record<string, unknown>;

interface JsonSchemaNode {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
  minItems?: number;
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
}

export interface DocSchema {
  properties: Record<string, JsonSchemaNode>;
  required?: readonly string[];
}

/**
 * What the device knows of a collection: its fields (from the zod declaration, the source of
 * truth) and its RxDB JSON schema (for placeholder values).
 */
export interface DocShape {
  fields: readonly string[];
  schema: DocSchema;
}

/** A value valid for `node`: first enum value, null where allowed, else the smallest. */
function placeholder(node: JsonSchemaNode): unknown {
  if (node.enum && node.enum.length > 0) return node.enum[0];
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes("null")) return null;
  switch (types[0]) {
    case "string":
      return "-".repeat(node.minLength ?? 0);
    case "number":
    case "integer":
      return node.minimum ?? 0;
    case "boolean":
      return false;
    case "array": {
      const item = node.items;
      return item ? Array.from({ length: node.minItems ?? 0 }, () => placeholder(item)) : [];
    }
    case "object": {
      const out: Doc = {};
      for (const key of node.required ?? []) {
        const child = node.properties?.[key];
        if (child) out[key] = placeholder(child);
      }
      return out;
    }
    default:
      return null;
  }
}

/** The document's own fields (`_deleted` included), nothing else. */
export function pickDeclared(shape: DocShape, doc: Doc): Doc {
  const out: Doc = {};
  for (const key of shape.fields) {
    if (doc[key] !== undefined) out[key] = doc[key];
  }
  out._deleted = doc._deleted === true;
  return out;
}

/**
 * A document from the server, ready to store. Tombstones are completed from `local` (the
 * device's copy, without RxDB meta fields) or placeholders; live documents pass unchanged
 * apart from dropping undeclared fields.
 */
export function shapeIncoming(shape: DocShape, doc: Doc, local?: Doc): Doc {
  const own = pickDeclared(shape, doc);
  if (!own._deleted) return own;
  const base: Doc = {};
  for (const key of shape.schema.required ?? []) {
    const node = shape.schema.properties[key];
    if (node && !key.startsWith("_")) base[key] = placeholder(node);
  }
  return { ...base, ...(local ? pickDeclared(shape, local) : {}), ...own, _deleted: true };
}
