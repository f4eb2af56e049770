/** Which sessions count against an enrollment, and how many are left: the one rule. */
import { describe, expect, it } from "vitest";
import { countsAgainstEnrollment, remainingSessions } from "./sessions-used";

describe("countsAgainstEnrollment", () => {
  it.each([
    ["scheduled", "scheduled", false, true],
    ["in progress", "in_progress", false, true],
    ["completed", "completed", false, true],
    ["cancelled in time (or by the teacher)", "cancelled", false, false],
    ["cancelled or moved by the learner too late", "cancelled", true, true],
    // countsAsUsed is only ever set on a cancellation; elsewhere it changes nothing.
    ["completed, flag set", "completed", true, true],
  ] as const)("%s → %s", (_what, status, countsAsUsed, counts) => {
    expect(countsAgainstEnrollment({ status, countsAsUsed })).toBe(counts);
  });
});

describe("remainingSessions", () => {
  it.each([
    [4, 0, 4],
    [4, 3, 1],
    [4, 4, 0],
    [4, 6, 0],
    [0, 0, 0],
    [null, 0, null],
    [null, 100, null],
  ] as const)("session_count %s, %s used → %s left", (count, used, left) => {
    expect(remainingSessions(count, used)).toBe(left);
  });
});
