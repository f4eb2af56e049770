import { describe, expect, it } from "vitest";
import { isUuid, uuidv7 } from "./uuidv7";

/** The 48-bit Unix-millisecond prefix of a UUIDv7. */
const timestampOf = (id: string) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("uuidv7", () => {
  it("has the canonical shape, version 7 and the RFC 9562 variant", () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const hex = id.replace(/-/g, "");
      expect(Number.parseInt(hex[12] as string, 16)).toBe(7);
      expect(Number.parseInt(hex[16] as string, 16) >> 2).toBe(0b10);
    }
  });

  it("generates 10,000 ids in a tight loop that are unique and strictly increasing", () => {
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    const outOfOrder = ids.findIndex((id, i) => i > 0 && !((ids[i - 1] as string) < id));
    expect(outOfOrder).toBe(-1);
  });

  it("starts with the current time in milliseconds", async () => {
    await new Promise((r) => setTimeout(r, 20)); // let any borrowed milliseconds pass
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before - 5);
    expect(timestampOf(id)).toBeLessThanOrEqual(after + 5);
  });

  it("keeps random bits apart: ids differ beyond the timestamp", () => {
    const tails = new Set(Array.from({ length: 1000 }, () => uuidv7().slice(19)));
    expect(tails.size).toBe(1000);
  });

  it("encodes an explicit later timestamp and stays monotonic after it", () => {
    const later = Date.now() + 60_000;
    const a = uuidv7(later);
    expect(timestampOf(a)).toBe(later);
    const b = uuidv7(); // the clock is now "behind" the last id
    expect(b > a).toBe(true);
  });
});

describe("isUuid", () => {
  it.each([
    [uuidv7(), true],
    ["00000000-0000-0000-0000-000000000000", true],
    ["0190F3A2-7B1C-7DEF-8ABC-0123456789AB", true],
    ["0190f3a2-7b1c-7def-8abc-0123456789a", false],
    ["0190f3a27b1c7def8abc0123456789ab", false],
    ["0190f3a2-7b1c-7def-8abc-0123456789ag", false],
    [` ${"0190f3a2-7b1c-7def-8abc-0123456789ab"}`, false],
    ["", false],
    [42, false],
    [null, false],
    [undefined, false],
  ])("isUuid(%j) is %s", (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
