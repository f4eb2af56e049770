/** Field types reused by the collection schemas. */
import { z } from "zod";

export const id = () => z.uuid();
/**
 * Years Postgres stores and people mean: zod's ISO formats accept year 0000, which Postgres
 * refuses — a pushed document must be rejected as invalid, not fail at the insert.
 */
const FIRST_YEAR = 1900;
const plausibleYear = (value: string) => Number(value.slice(0, 4)) >= FIRST_YEAR;
const yearMessage = `must be in the year ${FIRST_YEAR} or later`;

/** ISO-8601 UTC timestamp as the server writes it (`Date.prototype.toISOString`). */
export const isoTime = () =>
  z.iso.datetime({ offset: false }).refine(plausibleYear, { message: yearMessage });
/** ISO-8601 calendar date (YYYY-MM-DD). */
export const isoDate = () => z.iso.date().refine(plausibleYear, { message: yearMessage });
export const ISO_TIME_MAX = 30;
export const text = (max: number) => z.string().max(max);
