/**
 * The availability form (client/app/sessions/slot-form.ts): a slot may run until midnight
 * (stored 23:59:59, which open-times.ts expands to midnight), one-off slots take their
 * weekday from the date, and a slot ending before it starts is refused with a reason.
 */
import { describe, expect, it } from "vitest";
import {
  type SlotInput,
  slotDay,
  slotFields,
  slotInput,
  slotTimes,
} from "../../client/app/sessions/slot-form";
import { END_OF_DAY, expandSlots } from "../../shared/scheduling/open-times";
import { zonedToUtc } from "../../shared/scheduling/time-zones";

const weekly: SlotInput = { day: 1, date: "", start: "17:00", end: "19:00", untilMidnight: false };

describe("slotFields", () => {
  it("a weekly slot from time inputs", () => {
    expect(slotFields(weekly)).toEqual({
      ok: true,
      fields: {
        dayOfWeek: 1,
        startTime: "17:00:00",
        endTime: "19:00:00",
        isRecurring: true,
        specificDate: null,
      },
    });
  });

  it("until midnight stores 23:59:59, which open times read as running to 24:00", () => {
    const r = slotFields({ ...weekly, start: "20:00", end: "", untilMidnight: true });
    if (!r.ok) throw new Error(r.error);
    expect(r.fields.endTime).toBe(END_OF_DAY);
    const slot = { ...r.fields, timezone: "Europe/Berlin" };
    const monday = zonedToUtc("2026-06-08", "00:00:00", "Europe/Berlin").getTime();
    const [w] = expandSlots([slot], { start: monday, end: monday + 86_400_000 });
    expect(w?.end).toBe(zonedToUtc("2026-06-09", "00:00:00", "Europe/Berlin").getTime());
    expect(slotTimes(r.fields)).toBe("20:00–24:00");
  });

  it("a one-off slot takes its weekday from the date", () => {
    const r = slotFields({ ...weekly, day: 0, date: "2026-06-11" });
    expect(r.ok && r.fields).toEqual({
      dayOfWeek: 4,
      startTime: "17:00:00",
      endTime: "19:00:00",
      isRecurring: false,
      specificDate: "2026-06-11",
    });
  });

  it.each([
    ["ends before it starts", { ...weekly, start: "19:00", end: "18:00" }, /after the start/],
    ["ends when it starts", { ...weekly, end: "17:00" }, /after the start/],
    ["crosses midnight", { ...weekly, start: "22:00", end: "01:00" }, /midnight/],
    ["no start", { ...weekly, start: "" }, /start time/],
    ["no end", { ...weekly, end: "" }, /end time/],
    ["a bad date", { ...weekly, date: "11/06/2026" }, /valid date/],
  ])("refuses a slot that %s", (_what, input, message) => {
    const r = slotFields(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe("editing a stored slot", () => {
  it("round-trips through the form, until-midnight included", () => {
    const stored = {
      dayOfWeek: 6,
      startTime: "10:00:00",
      endTime: END_OF_DAY,
      isRecurring: true,
      specificDate: null,
    };
    expect(slotInput(stored)).toEqual({
      day: 6,
      date: "",
      start: "10:00",
      end: "",
      untilMidnight: true,
    });
    expect(slotFields(slotInput(stored))).toEqual({ ok: true, fields: stored });
    const once = { ...stored, dayOfWeek: 4, isRecurring: false, specificDate: "2026-06-11" };
    expect(slotFields(slotInput(once))).toEqual({ ok: true, fields: once });
    expect(slotDay(once)).toBe("2026-06-11 (once)");
    expect(slotDay(stored)).toBe("Saturday");
  });
});
