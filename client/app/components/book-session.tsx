/**
 * Book (or move) a session: the teacher's open times for the next two weeks in the
 * learner's own time zone. Online, the server's answer (booked times removed); offline,
 * the same rule over the availability already on the device — the server still decides
 * when the request arrives, and says so if the time was taken.
 */
import { useEffect, useState } from "preact/hooks";
import {
  bookableStarts,
  dateRangeIn,
  type LocalInterval,
  openWindows,
  toLocal,
} from "../../../shared/scheduling/open-times";
import { addDays, utcToZoned } from "../../../shared/scheduling/time-zones";
import { useLive } from "../data/hooks";
import { myTimeZone } from "../data/sessions";
import { api, OfflineError } from "../lib/api";

const DAYS = 14;

export function OpenTimes(props: {
  teacherId: string;
  token: string;
  label: string;
  onPick: (start: string, end: string) => void;
}) {
  const tz = myTimeZone();
  const slots = useLive(
    (l) => l.db.availability.find({ selector: { userId: props.teacherId } }).$,
    [props.teacherId],
  );
  const [starts, setStarts] = useState<LocalInterval[] | null>(null);
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    const from = utcToZoned(new Date(), tz).date;
    const to = addDays(from, DAYS);
    api<{ starts: LocalInterval[] }>(
      `/api/teachers/${props.teacherId}/open-times?from=${from}&to=${to}&tz=${encodeURIComponent(tz)}`,
      { token: props.token, signal: ctrl.signal },
    )
      .then((r) => {
        setOffline(false);
        setStarts(r.starts);
      })
      .catch((err) => {
        if (!(err instanceof OfflineError) || !slots) return;
        setOffline(true);
        const range = dateRangeIn(from, to, tz);
        range.start = Math.max(range.start, Date.now() + 3_600_000);
        const windows = openWindows(
          slots.map((s) => s.toJSON()),
          [],
          range,
        );
        setStarts(bookableStarts(windows, 3_600_000, 1_800_000).map((i) => toLocal(i, tz)));
      });
    return () => ctrl.abort();
  }, [props.teacherId, props.token, slots?.length, tz]);

  if (!starts) return <p role="status">Looking for open times…</p>;
  if (starts.length === 0)
    return <p>No open times in the next {DAYS} days. Try again later or message your teacher.</p>;
  const byDay = new Map<string, LocalInterval[]>();
  for (const s of starts)
    byDay.set(s.localStart.date, [...(byDay.get(s.localStart.date) ?? []), s]);
  return (
    <div class="open-times">
      <p class="muted">
        Times in your time zone ({tz}), one hour each.
        {offline
          ? " You are offline: your request is sent when you are back, and confirmed if the time is still free."
          : ""}
      </p>
      {[...byDay.entries()].map(([day, list]) => (
        <fieldset key={day}>
          <legend>
            {new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, {
              weekday: "long",
              month: "long",
              day: "numeric",
              timeZone: "UTC",
            })}
          </legend>
          <ul class="tags" aria-label={`${props.label}: open times on ${day}`}>
            {list.map((s) => (
              <li key={s.start}>
                <button type="button" onClick={() => props.onPick(s.start, s.end)}>
                  {s.localStart.time.slice(0, 5)}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
