/**
 * A teacher's open times computed on the device, when the server cannot be asked: the same
 * grid as the server's answer (sync-server/scheduling/open-times.ts) — starts every
 * STEP_MS from each window's start, the range clipped at the next half hour from now — over
 * the availability the device holds, minus the teacher's sessions the device knows (the
 * learner's own with them). The server still decides when the request arrives.
 */
import { occupiesTime } from "../../../shared/scheduling/lifecycle";
import {
  bookableStarts,
  dateRangeIn,
  type Interval,
  type LocalInterval,
  openWindows,
  type Slot,
  toLocal,
} from "../../../shared/scheduling/open-times";
import { HOUR_MS } from "../../../shared/scheduling/time-zones";
import type { SessionDoc } from "./types";

/** Mirrors STEP_MS of sync-server/scheduling/open-times.ts. */
export const STEP_MS = 30 * 60_000;
/** What the booking screen offers (the open-times route's default `minutes`). */
export const SESSION_LENGTH_MS = HOUR_MS;

/** Sessions that occupy the teacher's time: active ones in which they take part. */
export function teacherBusy(teacherId: string, sessions: readonly SessionDoc[]): Interval[] {
  return sessions
    .filter(
      (s) => occupiesTime(s.status) && (s.teacherId === teacherId || s.studentId === teacherId),
    )
    .map((s) => ({ start: Date.parse(s.scheduledStart), end: Date.parse(s.scheduledEnd) }));
}

export function offlineOpenTimes(input: {
  slots: readonly Slot[];
  busy: readonly Interval[];
  /** Calendar dates in `timeZone`, inclusive. */
  from: string;
  to: string;
  timeZone: string;
  nowMs: number;
  lengthMs?: number;
}): LocalInterval[] {
  const range = dateRangeIn(input.from, input.to, input.timeZone);
  range.start = Math.max(range.start, Math.ceil(input.nowMs / STEP_MS) * STEP_MS);
  if (range.end <= range.start) return [];
  const windows = openWindows([...input.slots], [...input.busy], range);
  return bookableStarts(windows, input.lengthMs ?? SESSION_LENGTH_MS, STEP_MS).map((i) =>
    toLocal(i, input.timeZone),
  );
}
