/**
 * Time-zone math across daylight-saving changes on either side: a teacher in Berlin, a
 * learner in New York. 2026: the US springs forward on 8 March and falls back on 1 November;
 * the EU on 29 March and 25 October — so for a few weeks each year the gap is 5 h, not 6 h.
 */
import { describe, expect, it } from "vitest";
import { dateRangeIn, expandSlots, openWindows, type Slot, toLocal } from "./open-times";
import {
  addDays,
  dayOfWeek,
  isValidTimeZone,
  offsetMs,
  utcToZoned,
  zonedToUtc,
} from "./time-zones";

const BERLIN = "Europe/Berlin";
const NY = "America/New_York";
const H = 3_600_000;

const mondays = (timeZone: string, startTime: string, endTime: string): Slot => ({
  dayOfWeek: 1,
  startTime,
  endTime,
  timezone: timeZone,
  isRecurring: true,
  specificDate: null,
});

/** The slot's open windows on one learner date, as the learner reads them. */
function seenOn(slots: Slot[], learnerDate: string, learnerZone: string) {
  const range = dateRangeIn(learnerDate, learnerDate, learnerZone);
  return openWindows(slots, [], range).map((w) => toLocal(w, learnerZone));
}

describe("zonedToUtc / utcToZoned", () => {
  it("knows valid zones and refuses others", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
  });

  it("converts plain times both ways", () => {
    expect(zonedToUtc("2026-01-05", "15:00:00", BERLIN).toISOString()).toBe(
      "2026-01-05T14:00:00.000Z",
    );
    expect(zonedToUtc("2026-07-06", "15:00:00", BERLIN).toISOString()).toBe(
      "2026-07-06T13:00:00.000Z",
    );
    expect(utcToZoned(new Date("2026-01-05T14:00:00Z"), NY)).toEqual({
      date: "2026-01-05",
      time: "09:00:00",
    });
    expect(offsetMs(Date.parse("2026-03-20T12:00:00Z"), NY)).toBe(-4 * H);
    expect(offsetMs(Date.parse("2026-03-20T12:00:00Z"), BERLIN)).toBe(1 * H);
  });

  it("moves a wall time inside a spring-forward gap forward by the gap", () => {
    // Berlin 29 March 2026: 02:00 → 03:00. 02:30 does not exist: it means 03:30 CEST.
    expect(zonedToUtc("2026-03-29", "02:30:00", BERLIN).toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(utcToZoned(new Date("2026-03-29T01:30:00Z"), BERLIN).time).toBe("03:30:00");
    // New York 8 March 2026: 02:00 → 03:00.
    expect(zonedToUtc("2026-03-08", "02:30:00", NY).toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });

  it("reads a wall time in an autumn overlap as the earlier instant", () => {
    // Berlin 25 October 2026: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
    expect(zonedToUtc("2026-10-25", "02:30:00", BERLIN).toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
    expect(zonedToUtc("2026-11-01", "01:30:00", NY).toISOString()).toBe("2026-11-01T05:30:00.000Z");
    // Both instants read back as the same wall time.
    expect(utcToZoned(new Date("2026-10-25T01:30:00Z"), BERLIN).time).toBe("02:30:00");
  });

  it("counts dates and weekdays without the local zone of the machine", () => {
    expect(dayOfWeek("2026-03-29")).toBe(0);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("a Berlin teacher's Monday 15:00–17:00 seen from New York", () => {
  const slot = [mondays(BERLIN, "15:00", "17:00")];
  it.each([
    ["2026-03-02", "both on standard time", "09:00:00", "2026-03-02T14:00:00.000Z"],
    [
      "2026-03-09",
      "US on summer time (from 8 March), EU not yet",
      "10:00:00",
      "2026-03-09T14:00:00.000Z",
    ],
    ["2026-03-23", "still the 5-hour weeks", "10:00:00", "2026-03-23T14:00:00.000Z"],
    [
      "2026-03-30",
      "both on summer time (EU from 29 March)",
      "09:00:00",
      "2026-03-30T13:00:00.000Z",
    ],
    ["2026-10-19", "both on summer time", "09:00:00", "2026-10-19T13:00:00.000Z"],
    [
      "2026-10-26",
      "EU back on standard time (25 Oct), US not yet",
      "10:00:00",
      "2026-10-26T14:00:00.000Z",
    ],
    ["2026-11-02", "both on standard time (US from 1 Nov)", "09:00:00", "2026-11-02T14:00:00.000Z"],
  ])("on %s (%s) it starts at %s New York time", (date, _why, localStart, utcStart) => {
    const [w] = seenOn(slot, date, NY);
    expect(w?.localStart).toEqual({ date, time: localStart });
    expect(w?.start).toBe(utcStart);
    expect(Date.parse(w?.end ?? "") - Date.parse(w?.start ?? "")).toBe(2 * H);
  });

  it("a late Berlin slot lands on the previous New York date", () => {
    // Monday 01:00–02:00 Berlin = Sunday evening in New York.
    const early = [mondays(BERLIN, "01:00", "02:00")];
    expect(seenOn(early, "2026-03-08", NY)[0]?.localStart).toEqual({
      date: "2026-03-08",
      time: "20:00:00",
    });
    expect(seenOn(early, "2026-03-29", NY)[0]?.localStart).toEqual({
      date: "2026-03-29",
      time: "19:00:00",
    });
    expect(seenOn(early, "2026-03-09", NY)).toEqual([]);
  });

  it("a learner's short spring day (23 h) and long autumn day (25 h) are whole", () => {
    const spring = dateRangeIn("2026-03-08", "2026-03-08", NY);
    expect(spring.end - spring.start).toBe(23 * H);
    const autumn = dateRangeIn("2026-11-01", "2026-11-01", NY);
    expect(autumn.end - autumn.start).toBe(25 * H);
  });
});

describe("slots touching a DST change in the teacher's zone", () => {
  const sunday = (date: string, startTime: string, endTime: string): Slot => ({
    dayOfWeek: 0,
    startTime,
    endTime,
    timezone: BERLIN,
    isRecurring: false,
    specificDate: date,
  });
  const range = {
    start: Date.parse("2026-01-01T00:00:00Z"),
    end: Date.parse("2027-01-01T00:00:00Z"),
  };

  it("a slot wholly inside the spring gap offers nothing", () => {
    expect(expandSlots([sunday("2026-03-29", "02:00", "03:00")], range)).toEqual([]);
  });

  it("a slot across the spring gap is one hour shorter in real time", () => {
    const [w] = expandSlots([sunday("2026-03-29", "01:30", "03:30")], range);
    expect(w && new Date(w.start).toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(w && w.end - w.start).toBe(1 * H);
  });

  it("a slot across the autumn overlap is one hour longer in real time", () => {
    const [w] = expandSlots([sunday("2026-10-25", "02:00", "03:00")], range);
    expect(w && new Date(w.start).toISOString()).toBe("2026-10-25T00:00:00.000Z");
    expect(w && w.end - w.start).toBe(2 * H);
  });

  it("a slot ending 23:59:59 runs to midnight, so consecutive days join up", () => {
    const allDay = [0, 1, 2, 3, 4, 5, 6].map((d) => ({
      ...mondays("UTC", "00:00", "23:59:59"),
      dayOfWeek: d,
    }));
    const w = openWindows(allDay, [], dateRangeIn("2026-06-01", "2026-06-03", "UTC"));
    expect(w).toEqual([
      { start: Date.parse("2026-06-01T00:00:00Z"), end: Date.parse("2026-06-04T00:00:00Z") },
    ]);
  });

  it("booked times are taken out; touching slots merge", () => {
    const slots = [mondays(BERLIN, "09:00", "10:00"), mondays(BERLIN, "10:00", "12:00")];
    const day = dateRangeIn("2026-06-01", "2026-06-01", BERLIN);
    const busy = [
      { start: Date.parse("2026-06-01T08:00:00Z"), end: Date.parse("2026-06-01T09:00:00Z") },
    ];
    const open = openWindows(slots, busy, day).map((w) => toLocal(w, BERLIN));
    expect(open.map((w) => [w.localStart.time, w.localEnd.time])).toEqual([
      ["09:00:00", "10:00:00"],
      ["11:00:00", "12:00:00"],
    ]);
  });
});
