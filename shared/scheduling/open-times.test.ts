/**
 * The open-times grid the server answers with and the device computes offline: the range
 * from the next half hour, and starts every 30 minutes from each free window's start.
 * (Time-zone and DST cases of the windows themselves: time-zones.test.ts.)
 */
import { describe, expect, it } from "vitest";
import {
  bookingRange,
  DEFAULT_SESSION_MINUTES,
  OPEN_TIMES_STEP_MS,
  openTimesIn,
  type Slot,
} from "./open-times";

const H = 3_600_000;
const MIN = 60_000;
const utc = (iso: string) => Date.parse(iso);

describe("bookingRange", () => {
  const day = (nowIso: string) => bookingRange("2026-06-10", "2026-06-10", "UTC", utc(nowIso));
  it.each([
    ["the day before", "2026-06-09T15:00:00.000Z", "2026-06-10T00:00:00.000Z"],
    ["17:47", "2026-06-10T17:47:00.000Z", "2026-06-10T18:00:00.000Z"],
    ["18:00:00.001", "2026-06-10T18:00:00.001Z", "2026-06-10T18:30:00.000Z"],
    ["exactly 18:30", "2026-06-10T18:30:00.000Z", "2026-06-10T18:30:00.000Z"],
    ["23:29", "2026-06-10T23:29:00.000Z", "2026-06-10T23:30:00.000Z"],
  ])("now %s → from %s", (_what, now, start) => {
    expect(day(now)).toEqual({ start: utc(start), end: utc("2026-06-11T00:00:00.000Z") });
  });

  it.each([
    ["23:30:00.001 (the next half hour is the end)", "2026-06-10T23:30:00.001Z"],
    ["at the end", "2026-06-11T00:00:00.000Z"],
    ["the day after", "2026-06-11T09:00:00.000Z"],
  ])("now %s → nothing left", (_what, now) => {
    expect(day(now)).toBeNull();
  });

  it("covers whole dates in the learner's zone (a 23-hour spring day in New York)", () => {
    const r = bookingRange("2026-03-08", "2026-03-08", "America/New_York", 0);
    expect(r && [new Date(r.start).toISOString(), r.end - r.start]).toEqual([
      "2026-03-08T05:00:00.000Z",
      23 * H,
    ]);
  });
});

describe("openTimesIn", () => {
  const slot: Slot = {
    dayOfWeek: 3, // Wednesday 2026-06-10
    startTime: "09:15:00",
    endTime: "12:00:00",
    timezone: "UTC",
    isRecurring: true,
    specificDate: null,
  };
  const range = { start: utc("2026-06-10T00:00:00Z"), end: utc("2026-06-11T00:00:00Z") };
  const at = (t: string) => utc(`2026-06-10T${t}:00.000Z`);
  const times = (list: { start: number }[]) =>
    list.map((i) => new Date(i.start).toISOString().slice(11, 16));

  it.each([
    ["60 min, nothing booked", 60, [], ["09:15", "09:45", "10:15", "10:45"]],
    ["30 min, nothing booked", 30, [], ["09:15", "09:45", "10:15", "10:45", "11:15"]],
    ["60 min around a booking 10:00–11:00", 60, [[at("10:00"), at("11:00")]], ["11:00"]],
    ["30 min around it", 30, [[at("10:00"), at("11:00")]], ["09:15", "11:00", "11:30"]],
    ["the whole slot booked", 60, [[at("09:00"), at("12:00")]], []],
    ["longer than the slot", 180, [], []],
  ] as const)("%s → %j", (_what, minutes, busy, starts) => {
    const got = openTimesIn(
      [slot],
      busy.map(([start, end]) => ({ start, end })),
      range,
      minutes * MIN,
    );
    expect(times(got.starts)).toEqual(starts);
    for (const s of got.starts) expect(s.end - s.start).toBe(minutes * MIN);
  });

  it("returns the free windows with the starts", () => {
    const got = openTimesIn([slot], [{ start: at("10:00"), end: at("11:00") }], range, H);
    expect(got.windows).toEqual([
      { start: at("09:15"), end: at("10:00") },
      { start: at("11:00"), end: at("12:00") },
    ]);
  });

  it("steps half an hour and offers one-hour sessions by default", () => {
    expect([OPEN_TIMES_STEP_MS, DEFAULT_SESSION_MINUTES]).toEqual([30 * MIN, 60]);
  });
});
