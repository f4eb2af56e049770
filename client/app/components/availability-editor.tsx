/**
 * A teacher's weekly slots, in their own time zone, edited on the device (also offline;
 * the availability collection syncs them). One-off slots can be added with a date.
 */
import { useState } from "preact/hooks";
import { uuidv7 } from "../../../shared/ids/uuidv7";
import { dayOfWeek } from "../../../shared/scheduling/time-zones";
import { useLive } from "../data/hooks";
import type { Local } from "../data/local";
import { myTimeZone } from "../data/sessions";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function AvailabilityEditor({ me, local }: { me: string; local: Local }) {
  const slots = useLive((l) => l.db.availability.find({ selector: { userId: me } }).$, [me]);
  const [error, setError] = useState("");

  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const d = new FormData(form);
    const start = String(d.get("start"));
    const end = String(d.get("end"));
    const date = String(d.get("date") ?? "");
    if (end <= start)
      return setError("The end must be after the start (split slots that cross midnight).");
    setError("");
    await local.db.availability.insert({
      id: uuidv7(),
      userId: me,
      dayOfWeek: date ? dayOfWeek(date) : Number(d.get("day")),
      startTime: `${start}:00`,
      endTime: `${end}:00`,
      timezone: myTimeZone(),
      isRecurring: !date,
      specificDate: date || null,
    });
    form.reset();
  };

  const list = (slots ?? [])
    .map((s) => s.toJSON())
    .sort((a, b) => a.dayOfWeek - b.dayOfWeek || a.startTime.localeCompare(b.startTime));
  return (
    <section aria-labelledby="availability">
      <h2 id="availability">My availability</h2>
      <p class="muted">Learners see these times in their own time zone.</p>
      {list.length === 0 ? <p>No slots yet.</p> : null}
      <ul class="list">
        {list.map((s) => (
          <li key={s.id}>
            {s.specificDate ? `${s.specificDate} (once)` : DAYS[s.dayOfWeek]}{" "}
            {s.startTime.slice(0, 5)}–{s.endTime.slice(0, 5)}{" "}
            <span class="muted">{s.timezone}</span>{" "}
            <button
              type="button"
              class="link"
              aria-label={`Remove ${DAYS[s.dayOfWeek]} ${s.startTime.slice(0, 5)}`}
              onClick={() =>
                void local.db.availability
                  .findOne(s.id)
                  .exec()
                  .then((doc) => doc?.remove())
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void add(e)} aria-label="Add a slot">
        <label for="slot-day">Day</label>
        <select id="slot-day" name="day">
          {DAYS.map((d, i) => (
            <option key={d} value={i}>
              {d}
            </option>
          ))}
        </select>
        <label for="slot-date">Or one date only</label>
        <input id="slot-date" name="date" type="date" />
        <label for="slot-start">From</label>
        <input id="slot-start" name="start" type="time" required defaultValue="17:00" />
        <label for="slot-end">To</label>
        <input id="slot-end" name="end" type="time" required defaultValue="19:00" />
        <button type="submit" class="primary">
          Add slot
        </button>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
