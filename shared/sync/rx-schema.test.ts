import { describe, expect, it } from "vitest";
import { collections } from "./registry";
import { toRxJsonSchema } from "./rx-schema";

describe("toRxJsonSchema", () => {
  it.each(Object.values(collections).map((c) => [c.name, c] as const))(
    "%s: every declared field is a property, required fields are required",
    (_name, decl) => {
      const rx = toRxJsonSchema(decl);
      expect(Object.keys(rx.properties).sort()).toEqual(Object.keys(decl.schema.shape).sort());
      expect(rx.primaryKey).toBe("id");
      expect(rx.additionalProperties).toBe(false);
      for (const field of rx.indexes.flat()) {
        expect(rx.required, `${field} is indexed so must be required`).toContain(field);
        const prop = rx.properties[field] as { type: unknown; maxLength?: number };
        if (prop.type === "string") expect(prop.maxLength).toBeGreaterThan(0);
      }
    },
  );

  it("keeps a property named like a JSON Schema keyword (courses.format)", () => {
    expect(toRxJsonSchema(collections.courses).properties.format).toEqual({
      type: ["string", "null"],
      maxLength: 200,
    });
  });
});
