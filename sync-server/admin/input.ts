/**
 * Text the admin dashboard accepts from people. Postgres refuses a NUL byte in `text` (and
 * `\u0000` in jsonb, where audit rows keep reasons and notes), so such input would fail deep
 * in a query as a 500: it is refused here, at validation, as `400 validation_failed`.
 */
import { z } from "zod";

/** C0 controls (U+0000–U+001F) and DEL: never part of a name, an email, an id or a search. */
const isControl = (code: number) => code < 0x20 || code === 0x7f;
/** In free text (reasons, notes) tabs and line breaks are fine; other controls are not. */
const PROSE_CONTROLS_ALLOWED = new Set([0x09, 0x0a, 0x0d]);

function hasControl(s: string, allowed?: Set<number>): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (isControl(code) && !allowed?.has(code)) return true;
  }
  return false;
}

/** A search box's text: trimmed, at most `max` characters, no control characters. */
export function searchText(max = 100) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControl(s), "Search text cannot contain control characters.");
}

/** A reason or note: trimmed, `min`..`max` characters, no control characters but line breaks. */
export function proseText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(
      (s) => !hasControl(s, PROSE_CONTROLS_ALLOWED),
      "The text cannot contain control characters.",
    );
}
