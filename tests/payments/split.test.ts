/** Every rule of the split policy (README "Money"), as a table of exact shares. */
import { describe, expect, it } from "vitest";
import { computeSplit, sessionRelease } from "../../sync-server/payments/split";

// [amount, commission, platform, teacher, creator]
const TABLE: [number, number, number, number, number][] = [
  [0, 70, 0, 0, 0],
  [1, 70, 1, 0, 0],
  [2, 70, 1, 1, 0],
  [99, 70, 16, 69, 14],
  [4999, 70, 751, 3499, 749],
  [12345, 70, 1853, 8641, 1851],
  [10000, 70, 1500, 7000, 1500],
  [1, 0, 1, 0, 0],
  [99, 0, 15, 0, 84],
  [4999, 0, 750, 0, 4249],
  [12345, 0, 1852, 0, 10493],
  [1, 50, 1, 0, 0],
  [2, 50, 1, 1, 0],
  [99, 50, 16, 49, 34],
  [4999, 50, 751, 2499, 1749],
  [12345, 50, 1853, 6172, 4320],
  [1, 85, 1, 0, 0],
  [99, 85, 15, 84, 0],
  [4999, 85, 750, 4249, 0],
  [12345, 85, 1852, 10493, 0],
  [19900, 60, 2985, 11940, 4975],
];

describe("computeSplit", () => {
  it.each(TABLE)(
    "%i cents at %i percent → platform %i, teacher %i, creator %i",
    (amount, pct, p, t, c) => {
      const s = computeSplit(amount, pct);
      expect([s.platform.cents, s.teacher.cents, s.creator.cents]).toEqual([p, t, c]);
      expect(s.platform.cents + s.teacher.cents + s.creator.cents).toBe(amount);
      expect([s.platform.percent, s.teacher.percent, s.creator.percent]).toEqual([
        15,
        pct,
        85 - pct,
      ]);
    },
  );

  it("gives every rounding remainder to the platform, never more than 2 cents", () => {
    for (let amount = 0; amount <= 2000; amount++) {
      for (const pct of [0, 33, 50, 70, 85]) {
        const s = computeSplit(amount, pct);
        expect(s.teacher.cents).toBe(Math.floor((amount * pct) / 100));
        expect(s.creator.cents).toBe(Math.floor((amount * (85 - pct)) / 100));
        const over = s.platform.cents - (amount * 15) / 100;
        expect(over).toBeGreaterThan(-1);
        expect(over).toBeLessThan(2 + 1e-9);
      }
    }
  });

  it("caps a commission above 85% so the platform keeps its 15%", () => {
    const s = computeSplit(10000, 100);
    expect([s.platform.cents, s.teacher.cents, s.creator.cents]).toEqual([1500, 8500, 0]);
    expect(s.teacher.percent).toBe(85);
  });

  it("refuses fractional or negative amounts and commissions outside 0..100", () => {
    expect(() => computeSplit(10.5, 70)).toThrow(RangeError);
    expect(() => computeSplit(-1, 70)).toThrow(RangeError);
    expect(() => computeSplit(100, 101)).toThrow(RangeError);
    expect(() => computeSplit(100, -1)).toThrow(RangeError);
  });
});

describe("sessionRelease", () => {
  it("releases floor(share / sessions) per session and the remainder on the last", () => {
    const share = 3499;
    const got: number[] = [];
    let released = 0;
    for (let i = 0; i < 6; i++) {
      const r = sessionRelease(share, 6, released, i);
      got.push(r);
      released += r;
    }
    expect(got).toEqual([583, 583, 583, 583, 583, 584]);
    expect(released).toBe(share);
    expect(sessionRelease(share, 6, released, 6)).toBe(0);
  });

  it("treats a missing session count as one session, and a share smaller than the count", () => {
    expect(sessionRelease(500, 0, 0, 0)).toBe(500);
    expect([0, 1, 2].map((i) => sessionRelease(2, 3, 0, i))).toEqual([0, 0, 2]);
  });
});
