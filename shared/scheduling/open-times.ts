/**
 * A teacher's open times: their availability slots (wall-clock in their own zone) expanded
 * to instants, merged, minus what is already booked. Pure, so the server decides bookings
 * with the very rule the PWA uses to offer times.
 */
import {
  addDays,
  datesBetween,
  dayOfWeek,
  longTime,
  MINUTE_MS,
  utcToZoned,
  type WallTime,
  zonedToUtc,
} from "./time-zones";

/** A slot ending at this time runs to midnight (the time column has no 24:00). */
export const END_OF_DAY = "23:59:59";

/** Bookable starts lie on a half-hour grid: every 30 minutes from each window's start. */
export const OPEN_TIMES_STEP_MS = 30 * MINUTE_MS;

/** The session length the booking screen offers, and the open-times route's default. */
export const DEFAULT_SESSION_MINUTES = 60;

export interface Slot {
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  timezone: string;
  isRecurring: boolean;
  specificDate: string | null;
}

/** Half-open [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** Merges overlapping and touching intervals (adjacent slots make one longer window). */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** `from` minus every interval of `minus`. */
export function subtractIntervals(
  from: readonly Interval[],
  minus: readonly Interval[],
): Interval[] {
  let out = mergeIntervals(from);
  for (const m of mergeIntervals(minus)) {
    out = out.flatMap((i) => {
      if (m.end <= i.start || m.start >= i.end) return [i];
      const parts: Interval[] = [];
      if (m.start > i.start) parts.push({ start: i.start, end: m.start });
      if (m.end < i.end) parts.push({ start: m.end, end: i.end });
      return parts;
    });
  }
  return out;
}

/**
 * The instants the slots cover within [range.start, range.end). Each slot is expanded on the
 * dates of its own zone that can touch the range (a day of margin either side), so a
 * Berlin Monday slot lands on the right New York date whatever the two zones' DST states.
 * A slot collapsed to nothing by a spring-forward gap is dropped.
 */
export function expandSlots(slots: readonly Slot[], range: Interval): Interval[] {
  const out: Interval[] = [];
  for (const s of slots) {
    const first = addDays(utcToZoned(new Date(range.start), s.timezone).date, -1);
    const last = addDays(utcToZoned(new Date(range.end), s.timezone).date, 1);
    const dates = s.isRecurring
      ? datesBetween(first, last).filter((d) => dayOfWeek(d) === s.dayOfWeek)
      : s.specificDate && s.specificDate >= first && s.specificDate <= last
        ? [s.specificDate]
        : [];
    for (const d of dates) {
      const start = zonedToUtc(d, longTime(s.startTime), s.timezone).getTime();
      // Slots may not cross midnight (the time column has no 24:00): one ending 23:59:59
      // runs to midnight, so back-to-back days make one window through the night.
      const end =
        longTime(s.endTime) === END_OF_DAY
          ? zonedToUtc(addDays(d, 1), "00:00:00", s.timezone).getTime()
          : zonedToUtc(d, longTime(s.endTime), s.timezone).getTime();
      const clipped = { start: Math.max(start, range.start), end: Math.min(end, range.end) };
      if (clipped.end > clipped.start) out.push(clipped);
    }
  }
  return mergeIntervals(out);
}

/** Free windows: availability within the range, minus busy times (booked sessions). */
export function openWindows(
  slots: readonly Slot[],
  busy: readonly Interval[],
  range: Interval,
): Interval[] {
  return subtractIntervals(expandSlots(slots, range), busy);
}

/** True when [start, end) lies wholly inside one window. */
export function fitsInWindows(windows: readonly Interval[], want: Interval): boolean {
  return windows.some((w) => w.start <= want.start && want.end <= w.end);
}

/**
 * Bookable start times of `lengthMs` sessions inside the windows, every `stepMs` from each
 * window's start (so a 09:15 window offers 09:15, 09:45, …).
 */
export function bookableStarts(
  windows: readonly Interval[],
  lengthMs: number,
  stepMs: number,
): Interval[] {
  const out: Interval[] = [];
  for (const w of windows) {
    for (let t = w.start; t + lengthMs <= w.end; t += stepMs)
      out.push({ start: t, end: t + lengthMs });
  }
  return out;
}

/** An interval as the learner sees it: ISO instants plus wall-clock times in their zone. */
export interface LocalInterval {
  start: string;
  end: string;
  localStart: WallTime;
  localEnd: WallTime;
}

export function toLocal(i: Interval, timeZone: string): LocalInterval {
  const start = new Date(i.start);
  const end = new Date(i.end);
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    localStart: utcToZoned(start, timeZone),
    localEnd: utcToZoned(end, timeZone),
  };
}

/** The instants of calendar dates `from`..`to` (inclusive) in `timeZone`. */
export function dateRangeIn(from: string, to: string, timeZone: string): Interval {
  return {
    start: zonedToUtc(from, "00:00:00", timeZone).getTime(),
    end: zonedToUtc(addDays(to, 1), "00:00:00", timeZone).getTime(),
  };
}

/**
 * The instants open times are offered in: the calendar dates `from`..`to` (inclusive) in
 * `timeZone`, but nothing in the past — from now, on the next half hour of the grid (at
 * 17:47 the first start is 18:00, never 18:47). Null when the whole range is over.
 */
export function bookingRange(
  from: string,
  to: string,
  timeZone: string,
  nowMs: number,
): Interval | null {
  const range = dateRangeIn(from, to, timeZone);
  const start = Math.max(range.start, Math.ceil(nowMs / OPEN_TIMES_STEP_MS) * OPEN_TIMES_STEP_MS);
  return range.end > start ? { start, end: range.end } : null;
}

/**
 * A teacher's open times within a booking range: the free windows (availability minus busy
 * times) and the starts of `lengthMs` sessions on the half-hour grid inside them. The
 * server's answer and the device's offline answer are this one function.
 */
export function openTimesIn(
  slots: readonly Slot[],
  busy: readonly Interval[],
  range: Interval,
  lengthMs: number,
): { windows: Interval[]; starts: Interval[] } {
  const windows = openWindows(slots, busy, range);
  return { windows, starts: bookableStarts(windows, lengthMs, OPEN_TIMES_STEP_MS) };
}
