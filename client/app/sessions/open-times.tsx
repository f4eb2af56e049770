/**
 * Book (or move) a session: the teacher's open times for the next two weeks in the
 * learner's own time zone. Online, the server's answer (booked times removed); offline,
 * the same grid over the availability and sessions already on the device — the server
 * still decides when the request arrives, and says so if the time was taken. Any other
 * failure is shown with a way to try again.
 */
import { useEffect, useState } from "preact/hooks";
import type { LocalInterval } from "../../../shared/scheduling/open-times";
import { addDays, utcToZoned } from "../../../shared/scheduling/time-zones";
import { useLive } from "../data/hooks";
import { myTimeZone } from "../data/sessions";
import { api, describeError, OfflineError } from "../lib/api";
import { offlineOpenTimes, teacherBusy } from "./offline-open-times";
import type { SessionDoc, SlotDoc } from "./types";

const DAYS = 14;

type Answer =
  | { kind: "loading" }
  | { kind: "online"; starts: LocalInterval[] }
  | { kind: "offline" }
  | { kind: "error"; message: string };

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
  const sessions = useLive((l) => l.db.sessions.find().$, []);
  const [answer, setAnswer] = useState<Answer>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setAnswer({ kind: "loading" });
    const from = utcToZoned(new Date(), tz).date;
    api<{ starts: LocalInterval[] }>(
      `/api/teachers/${props.teacherId}/open-times?from=${from}&to=${addDays(from, DAYS)}&tz=${encodeURIComponent(tz)}`,
      { token: props.token, signal: ctrl.signal },
    )
      .then((r) => setAnswer({ kind: "online", starts: r.starts }))
      .catch((err) => {
        if (ctrl.signal.aborted) return;
        setAnswer(
          err instanceof OfflineError
            ? { kind: "offline" }
            : { kind: "error", message: describeError(err) },
        );
      });
    return () => ctrl.abort();
  }, [props.teacherId, props.token, tz, attempt]);

  if (answer.kind === "error")
    return (
      <div class="open-times">
        <p class="error" role="alert">
          Could not load open times: {answer.message}
        </p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  if (answer.kind === "loading" || (answer.kind === "offline" && (!slots || !sessions)))
    return <p role="status">Looking for open times…</p>;
  const starts =
    answer.kind === "online"
      ? answer.starts
      : offlineOpenTimes({
          slots: (slots ?? []).map((s) => s.toJSON() as SlotDoc),
          busy: teacherBusy(
            props.teacherId,
            (sessions ?? []).map((s) => s.toJSON() as SessionDoc),
          ),
          from: utcToZoned(new Date(), tz).date,
          to: addDays(utcToZoned(new Date(), tz).date, DAYS),
          timeZone: tz,
          nowMs: Date.now(),
        });
  const offline =
    answer.kind === "offline"
      ? " You are offline: your request is sent when you are back, and confirmed if the time is still free."
      : "";
  if (starts.length === 0)
    return (
      <p>
        No open times in the next {DAYS} days. Try again later or message your teacher.{offline}
      </p>
    );
  const byDay = new Map<string, LocalInterval[]>();
  for (const s of starts)
    byDay.set(s.localStart.date, [...(byDay.get(s.localStart.date) ?? []), s]);
  return (
    <div class="open-times">
      <p class="muted">
        Times in your time zone ({tz}), one hour each.{offline}
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
