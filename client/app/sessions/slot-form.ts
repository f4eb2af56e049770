/**
 * The availability form's values ⇄ an availability slot. A slot may not cross midnight (the
 * time column has no 24:00); one ending at 23:59:59 runs to midnight (the rule of
 * shared/scheduling/open-times.ts `expandSlots`), which the form offers as "until midnight"
 * — a time input alone can only give 23:59. Pure.
 */
import { END_OF_DAY } from "../../../shared/scheduling/open-times";
import { dayOfWeek, longTime } from "../../../shared/scheduling/time-zones";
import type { SlotDoc } from "./types";

export const DAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

export interface SlotInput {
  /** 0 = Sunday; ignored when `date` is set. */
  day: number;
  /** YYYY-MM-DD for a one-off slot, "" for a weekly one. */
  date: string;
  /** HH:MM (or HH:MM:SS) from a time input. */
  start: string;
  end: string;
  /** Runs to midnight; `end` is then ignored. */
  untilMidnight: boolean;
}

export type SlotFields = Pick<
  SlotDoc,
  "dayOfWeek" | "startTime" | "endTime" | "isRecurring" | "specificDate"
>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function slotFields(
  input: SlotInput,
): { ok: true; fields: SlotFields } | { ok: false; error: string } {
  if (!TIME.test(input.start)) return { ok: false, error: "Give a start time." };
  if (!input.untilMidnight && !TIME.test(input.end))
    return { ok: false, error: "Give an end time, or choose “until midnight”." };
  if (input.date && !DATE.test(input.date)) return { ok: false, error: "Give a valid date." };
  const startTime = longTime(input.start);
  const endTime = input.untilMidnight ? END_OF_DAY : longTime(input.end);
  if (endTime <= startTime)
    return {
      ok: false,
      error:
        "The end must be after the start. A slot ends at midnight at the latest (“until midnight”); add the rest on the next day.",
    };
  return {
    ok: true,
    fields: {
      dayOfWeek: input.date ? dayOfWeek(input.date) : input.day,
      startTime,
      endTime,
      isRecurring: !input.date,
      specificDate: input.date || null,
    },
  };
}

/** The form's values for editing a stored slot. */
export function slotInput(slot: SlotFields): SlotInput {
  const untilMidnight = slot.endTime === END_OF_DAY;
  return {
    day: slot.dayOfWeek,
    date: slot.specificDate ?? "",
    start: slot.startTime.slice(0, 5),
    end: untilMidnight ? "" : slot.endTime.slice(0, 5),
    untilMidnight,
  };
}

/** "Monday" or "2026-12-03 (once)". */
export function slotDay(slot: Pick<SlotDoc, "dayOfWeek" | "specificDate">): string {
  return slot.specificDate ? `${slot.specificDate} (once)` : (DAYS[slot.dayOfWeek] ?? "");
}

/** "17:00–19:00"; a slot running to midnight ends "24:00". */
export function slotTimes(slot: Pick<SlotDoc, "startTime" | "endTime">): string {
  const end = slot.endTime === END_OF_DAY ? "24:00" : slot.endTime.slice(0, 5);
  return `${slot.startTime.slice(0, 5)}–${end}`;
}
