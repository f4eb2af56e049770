/** A teacher's open times for a date range, as a learner in their own zone sees them. */
import {
  bookableStarts,
  dateRangeIn,
  type LocalInterval,
  openWindows,
  toLocal,
} from "../../shared/scheduling/open-times";
import type { Db } from "../db/database";
import { busyIntervals, loadSlots } from "./facts";

const STEP_MS = 30 * 60_000;

export interface OpenTimes {
  timeZone: string;
  windows: LocalInterval[];
  starts: LocalInterval[];
}

export async function teacherOpenTimes(
  db: Db,
  input: {
    teacherId: string;
    from: string;
    to: string;
    timeZone: string;
    minutes: number;
    now: Date;
  },
): Promise<OpenTimes> {
  const range = dateRangeIn(input.from, input.to, input.timeZone);
  // Nothing in the past; from now, offer times on the next half hour.
  range.start = Math.max(range.start, Math.ceil(input.now.getTime() / STEP_MS) * STEP_MS);
  if (range.end <= range.start) return { timeZone: input.timeZone, windows: [], starts: [] };
  const [slots, busy] = await Promise.all([
    loadSlots(db, input.teacherId),
    busyIntervals(db, input.teacherId, range),
  ]);
  const windows = openWindows(slots, busy, range);
  const starts = bookableStarts(windows, input.minutes * 60_000, STEP_MS);
  return {
    timeZone: input.timeZone,
    windows: windows.map((w) => toLocal(w, input.timeZone)),
    starts: starts.map((s) => toLocal(s, input.timeZone)),
  };
}
