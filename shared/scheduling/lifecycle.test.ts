/** The session lifecycle rules both the server and the PWA apply, at their edges. */
import { describe, expect, it } from "vitest";
import { SESSION_STATUSES } from "../domain/enums";
import {
  completionRefusal,
  isChangeable,
  occupiesTime,
  START_EARLY_MS,
  startRefusal,
} from "./lifecycle";

const T0 = Date.parse("2026-06-10T12:00:00.000Z");
const MIN = 60_000;

describe("startRefusal", () => {
  it.each([
    ["scheduled, a day before", "scheduled", T0 - 24 * 60 * MIN, "not_started"],
    ["scheduled, 15 min 1 ms before", "scheduled", T0 - START_EARLY_MS - 1, "not_started"],
    ["scheduled, exactly 15 min before", "scheduled", T0 - START_EARLY_MS, null],
    ["scheduled, at the start", "scheduled", T0, null],
    ["scheduled, long after", "scheduled", T0 + 5 * 60 * MIN, null],
    ["in progress already", "in_progress", T0, "wrong_status"],
    ["completed", "completed", T0, "wrong_status"],
    ["cancelled", "cancelled", T0 - START_EARLY_MS, "wrong_status"],
  ] as const)("%s → %s", (_what, status, now, refusal) => {
    expect(startRefusal({ status, startMs: T0 }, now)).toBe(refusal);
  });

  it("opens the room 15 minutes early", () => {
    expect(START_EARLY_MS).toBe(15 * MIN);
  });
});

describe("completionRefusal", () => {
  it.each([
    ["scheduled, 1 ms before the start", "scheduled", T0 - 1, "not_started"],
    ["scheduled, at the start", "scheduled", T0, null],
    ["scheduled, never started, days after", "scheduled", T0 + 3 * 24 * 60 * MIN, null],
    ["in progress, 1 ms before the start", "in_progress", T0 - 1, "not_started"],
    ["in progress", "in_progress", T0 + 30 * MIN, null],
    ["completed", "completed", T0 + 60 * MIN, "wrong_status"],
    ["cancelled", "cancelled", T0 + 60 * MIN, "wrong_status"],
  ] as const)("%s → %s", (_what, status, now, refusal) => {
    expect(completionRefusal({ status, startMs: T0 }, now)).toBe(refusal);
  });
});

describe("by status", () => {
  it.each([
    ["scheduled", true, true],
    ["in_progress", true, false],
    ["completed", false, false],
    ["cancelled", false, false],
  ] as const)("%s: occupies time %s, changeable %s", (status, busy, changeable) => {
    expect([occupiesTime(status), isChangeable(status)]).toEqual([busy, changeable]);
  });

  it("covers every status", () => {
    expect(SESSION_STATUSES).toEqual(["scheduled", "in_progress", "completed", "cancelled"]);
  });
});
