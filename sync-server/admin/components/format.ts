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

export function dateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return "—";
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(d);
}

export function count(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}
