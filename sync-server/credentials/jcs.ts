/**
 * JSON Canonicalization Scheme (RFC 8785): the byte string that eddsa-jcs-2022 signs.
 * RFC 8785 defines its primitives as ECMAScript's JSON.stringify does them (numbers in the
 * shortest round-trip form, strings with the minimal escapes), so only the structure needs
 * code: object members sorted by their names' UTF-16 code units, no whitespace.
 */

export class CanonicalizationError extends Error {}

export function canonicalize(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    // NaN and Infinity have no JSON form; JSON.stringify would silently write null.
    if (!Number.isFinite(value)) throw new CanonicalizationError("non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(",")}]`;
  if (typeof value === "object") {
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units,
    // which is exactly RFC 8785 §3.2.3 (not locale order, not code points).
    const keys = Object.keys(value as object).sort();
    const members: string[] = [];
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue; // as JSON.stringify: absent, not null
      members.push(`${JSON.stringify(k)}:${canonicalize(v)}`);
    }
    return `{${members.join(",")}}`;
  }
  throw new CanonicalizationError(`cannot canonicalize a ${typeof value}`);
}
