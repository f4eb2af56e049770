/**
 * Wall-clock ↔ instant conversion in IANA time zones, with the platform's Intl only (no
 * time-zone library). Pure: no clock, no I/O, so the server, the PWA and tests share it.
 *
 * Daylight-saving rules (the same as Temporal's "compatible" disambiguation):
 * - a wall time that does not exist (spring-forward gap, e.g. 02:30 in Berlin on the last
 *   Sunday of March) moves forward by the length of the gap (→ 03:30 CEST);
 * - a wall time that happens twice (autumn overlap) means the earlier of the two instants.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone the platform knows ("Europe/Berlin", "UTC"); false for anything else. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS */
  time: string;
}

/** The wall clock in `timeZone` at `instantMs`, as milliseconds of a UTC-labelled clock. */
function wallMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** UTC offset of `timeZone` at an instant, in ms (Berlin in winter: +3,600,000). */
export function offsetMs(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000; // Intl has no sub-second fields
  return wallMs(whole, timeZone) - whole;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function parseWall(date: string, time: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, ss ?? 0);
}

/** The instant a wall-clock date and time in `timeZone` names (gap → later, overlap → earlier). */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const wall = parseWall(date, time);
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((t) => t + offsetMs(t, timeZone) === wall);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a gap: read the wall time with the offset in force before it, which lands after it.
  return new Date(wall - before);
}

/** The wall-clock date and time in `timeZone` at an instant. */
export function utcToZoned(instant: Date, timeZone: string): WallTime {
  const w = new Date(wallMs(instant.getTime(), timeZone));
  return {
    date: `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`,
    time: `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`,
  };
}

/** Day of week of a calendar date, 0 = Sunday (as `availability.day_of_week`). */
export function dayOfWeek(date: string): number {
  return new Date(parseWall(date, "00:00:00")).getUTCDay();
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = new Date(parseWall(date, "00:00:00") + days * DAY_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Every calendar date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** "09:00" → "09:00:00". */
export const longTime = (t: string) => (t.length === 5 ? `${t}:00` : t);
