/**
 * A teacher's slots, in their own time zone, edited on the device — added, changed (day,
 * times, one-off date) and removed, also offline; the availability collection syncs them.
 * A slot may run until midnight (stored as 23:59:59, see slot-form.ts).
 */
import { useState } from "preact/hooks";
import { uuidv7 } from "../../../shared/ids/uuidv7";
import { useLive } from "../data/hooks";
import type { Local } from "../data/local";
import { myTimeZone } from "../data/sessions";
import { DAYS, type SlotInput, slotDay, slotFields, slotInput, slotTimes } from "./slot-form";
import type { SlotDoc } from "./types";

const NEW_SLOT: SlotInput = {
  day: 1,
  date: "",
  start: "17:00",
  end: "19:00",
  untilMidnight: false,
};

export function AvailabilityEditor({ me, local }: { me: string; local: Local }) {
  const slots = useLive((l) => l.db.availability.find({ selector: { userId: me } }).$, [me]);
  const [editing, setEditing] = useState<SlotDoc | null>(null);
  const [message, setMessage] = useState("");

  const list = (slots ?? [])
    .map((s) => s.toJSON() as SlotDoc)
    .sort(
      (a, b) =>
        Number(a.isRecurring === false) - Number(b.isRecurring === false) ||
        (a.specificDate ?? "").localeCompare(b.specificDate ?? "") ||
        a.dayOfWeek - b.dayOfWeek ||
        a.startTime.localeCompare(b.startTime),
    );

  const save = async (input: SlotInput): Promise<string | null> => {
    const r = slotFields(input);
    if (!r.ok) return r.error;
    if (editing) {
      const doc = await local.db.availability.findOne(editing.id).exec();
      if (!doc) return "This slot was removed meanwhile.";
      await doc.incrementalPatch(r.fields);
      setEditing(null);
      setMessage(`Saved: ${slotDay(r.fields)} ${slotTimes(r.fields)}.`);
    } else {
      await local.db.availability.insert({
        id: uuidv7(),
        userId: me,
        timezone: myTimeZone(),
        ...r.fields,
      });
      setMessage(`Added: ${slotDay(r.fields)} ${slotTimes(r.fields)}.`);
    }
    return null;
  };
  const remove = async (s: SlotDoc) => {
    const doc = await local.db.availability.findOne(s.id).exec();
    await doc?.remove();
    if (editing?.id === s.id) setEditing(null);
    setMessage(`Removed: ${slotDay(s)} ${slotTimes(s)}.`);
  };

  return (
    <section aria-labelledby="availability">
      <h2 id="availability">My availability</h2>
      <p class="muted">
        Learners see these times in their own time zone. Changes are saved on this device and sent
        when you are online.
      </p>
      {list.length === 0 ? <p>No slots yet.</p> : null}
      <ul class="list slots">
        {list.map((s) => {
          const what = `${slotDay(s)} ${slotTimes(s)}`;
          return (
            <li key={s.id}>
              {slotDay(s)} {slotTimes(s)} <span class="muted">{s.timezone}</span>{" "}
              <button
                type="button"
                class="link"
                aria-label={`Edit ${what}`}
                aria-pressed={editing?.id === s.id}
                onClick={() => setEditing(editing?.id === s.id ? null : s)}
              >
                Edit
              </button>{" "}
              <button
                type="button"
                class="link"
                aria-label={`Remove ${what}`}
                onClick={() => void remove(s)}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      {message ? <p role="status">{message}</p> : null}
      <SlotForm
        key={editing?.id ?? "new"}
        initial={editing ? slotInput(editing) : NEW_SLOT}
        title={editing ? `Edit ${slotDay(editing)} ${slotTimes(editing)}` : "Add a slot"}
        submit={editing ? "Save changes" : "Add slot"}
        onSave={save}
        onCancel={editing ? () => setEditing(null) : null}
      />
    </section>
  );
}

function SlotForm(props: {
  initial: SlotInput;
  title: string;
  submit: string;
  onSave: (input: SlotInput) => Promise<string | null>;
  onCancel: (() => void) | null;
}) {
  const [v, setV] = useState<SlotInput>(props.initial);
  const [error, setError] = useState("");
  const set = (patch: Partial<SlotInput>) => setV((prev) => ({ ...prev, ...patch }));
  const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    // What the form shows now (an edit may land just before the submit, ahead of a render).
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const problem = await props.onSave({
      day: f.has("day") ? Number(f.get("day")) : v.day,
      date: String(f.get("date") ?? ""),
      start: String(f.get("start") ?? ""),
      end: String(f.get("end") ?? ""),
      untilMidnight: f.get("midnight") === "on",
    });
    setError(problem ?? "");
    if (!problem && !props.onCancel) setV(props.initial);
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label={props.title} class="slot-form">
      <h3>{props.title}</h3>
      <label for="slot-day">Day</label>
      <select
        id="slot-day"
        name="day"
        value={v.day}
        disabled={v.date !== ""}
        onChange={(e) => set({ day: Number(value(e)) })}
      >
        {DAYS.map((d, i) => (
          <option key={d} value={i}>
            {d}
          </option>
        ))}
      </select>
      <label for="slot-date">Or one date only</label>
      <input
        id="slot-date"
        name="date"
        type="date"
        value={v.date}
        onInput={(e) => set({ date: value(e) })}
      />
      <label for="slot-start">From</label>
      <input
        id="slot-start"
        name="start"
        type="time"
        required
        value={v.start}
        onInput={(e) => set({ start: value(e) })}
      />
      <label for="slot-end">To</label>
      <input
        id="slot-end"
        name="end"
        type="time"
        required={!v.untilMidnight}
        disabled={v.untilMidnight}
        value={v.untilMidnight ? "" : v.end}
        onInput={(e) => set({ end: value(e) })}
      />
      <div class="field check">
        <input
          id="slot-midnight"
          name="midnight"
          type="checkbox"
          checked={v.untilMidnight}
          onChange={(e) => set({ untilMidnight: (e.currentTarget as HTMLInputElement).checked })}
        />
        <label for="slot-midnight">Until midnight (24:00)</label>
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          {props.submit}
        </button>
        {props.onCancel ? (
          <button type="button" onClick={props.onCancel}>
            Stop editing
          </button>
        ) : null}
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
