/** Display formats: money from integer cents, times in the viewing admin's own time zone. */

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function money(cents: number, currency = "USD"): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { style: "currency", currency });
    moneyFormats.set(currency, f);
  }
  return f.format(cents / 100);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter for an IANA zone, or for UTC when the zone is unknown: the zone comes from
 * the viewer's profile, and a bad stored value must not take the dashboard down (Intl throws
 * a RangeError for it).
 */
function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dateTimeFormats.get(timeZone);
  if (f) return f;
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  };
  try {
    f = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
  } catch {
    f = dateTimeFormat("UTC");
  }
  dateTimeFormats.set(timeZone, f);
  return f;
}

export function dateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  return dateTimeFormat(timeZone).format(d);
}

export function count(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}
