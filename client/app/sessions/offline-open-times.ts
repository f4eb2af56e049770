/**
 * A teacher's open times computed on the device, when the server cannot be asked: the
 * server's own functions (shared/scheduling/open-times.ts `bookingRange`, `openTimesIn`:
 * the half-hour grid from now) over the availability the device holds, minus the teacher's
 * sessions the device knows (the learner's own with them). The server still decides when
 * the request arrives.
 */
import { occupiesTime } from "../../../shared/scheduling/lifecycle";
import {
  bookingRange,
  DEFAULT_SESSION_MINUTES,
  type Interval,
  type LocalInterval,
  openTimesIn,
  type Slot,
  toLocal,
} from "../../../shared/scheduling/open-times";
import { MINUTE_MS } from "../../../shared/scheduling/time-zones";
import type { SessionDoc } from "./types";

/** What the booking screen offers (the open-times route's default too). */
const SESSION_LENGTH_MS = DEFAULT_SESSION_MINUTES * MINUTE_MS;

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
  const range = bookingRange(input.from, input.to, input.timeZone, input.nowMs);
  if (!range) return [];
  const { starts } = openTimesIn(
    input.slots,
    input.busy,
    range,
    input.lengthMs ?? SESSION_LENGTH_MS,
  );
  return starts.map((i) => toLocal(i, input.timeZone));
}
