/** A teacher's open times for a date range, as a learner in their own zone sees them. */
import {
  bookingRange,
  type LocalInterval,
  openTimesIn,
  toLocal,
} from "../../shared/scheduling/open-times";
import { MINUTE_MS } from "../../shared/scheduling/time-zones";
import type { Db } from "../db/database";
import { busyIntervals, loadSlots } from "./facts";

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
  const range = bookingRange(input.from, input.to, input.timeZone, input.now.getTime());
  if (!range) return { timeZone: input.timeZone, windows: [], starts: [] };
  const [slots, busy] = await Promise.all([
    loadSlots(db, input.teacherId),
    busyIntervals(db, input.teacherId, range),
  ]);
  const { windows, starts } = openTimesIn(slots, busy, range, input.minutes * MINUTE_MS);
  return {
    timeZone: input.timeZone,
    windows: windows.map((w) => toLocal(w, input.timeZone)),
    starts: starts.map((s) => toLocal(s, input.timeZone)),
  };
}
