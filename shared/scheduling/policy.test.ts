/** Ratings: the scale the server accepts is the one the PWA offers. */
import { describe, expect, it } from "vitest";
import { DECLINE_REASONS, isValidRating, RATING_SCALE } from "./policy";

describe("isValidRating", () => {
  it.each([
    [1, true],
    [3, true],
    [5, true],
    [0, false],
    [6, false],
    [-1, false],
    [2.5, false],
    [Number.NaN, false],
    ["4", false],
    [null, false],
    [undefined, false],
  ] as const)("%s → %s", (rating, valid) => {
    expect(isValidRating(rating)).toBe(valid);
  });

  it("offers exactly the valid ratings, and says so when declining", () => {
    expect(RATING_SCALE).toEqual([1, 2, 3, 4, 5]);
    expect(RATING_SCALE.every(isValidRating)).toBe(true);
    expect(DECLINE_REASONS.invalid_rating).toBe("A rating is a whole number from 1 to 5.");
  });
});
