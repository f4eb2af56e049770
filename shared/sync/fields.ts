/** Field types reused by the collection schemas. */
import { z } from "zod";

export const id = () => z.uuid();
/** ISO-8601 UTC timestamp as the server writes it (`Date.prototype.toISOString`). */
export const isoTime = () => z.iso.datetime({ offset: false });
export const ISO_TIME_MAX = 30;
export const text = (max: number) => z.string().max(max);
