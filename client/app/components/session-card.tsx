/**
 * One session: when (in the user's own zone), with whom, and what one can do now — join,
 * cancel or move it (written as requests, so it works offline), complete it (teacher,
 * online), or rate it once it is completed.
 */
import { useState } from "preact/hooks";
import type { Local } from "../data/local";
import type { SessionDoc } from "../data/sessions";
import { api, describeError } from "../lib/api";
import { dateTime } from "../lib/format";
import { requestCancel, requestRating, requestReschedule } from "../scheduling/requests";
import { OpenTimes } from "./book-session";

export function SessionCard(props: {
  s: SessionDoc;
  me: string;
  token: string;
  local: Local;
  course: string;
  other: string;
  ratingPending: boolean;
}) {
  const { s, me, local } = props;
  const [mode, setMode] = useState<"none" | "move" | "rate" | "complete">("none");
  const [message, setMessage] = useState("");
  const teaching = s.teacherId === me;
  const active = s.status === "scheduled" || s.status === "in_progress";
  const rated = s.assessments.some((a) => a.assessorId === me) || props.ratingPending;
  const headingId = `s-${s.id}`;

  const cancel = async () => {
    if (!confirm("Cancel this session? Cancelling less than 12 hours before counts it as used."))
      return;
    await requestCancel(local.db, me, s.id, teaching ? "Cancelled by the teacher" : null);
    setMessage("Cancellation sent.");
  };
  const complete = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const recordingUrl = String(data.get("recordingUrl") ?? "").trim();
    try {
      await api(`/api/sessions/${s.id}/complete`, {
        method: "POST",
        token: props.token,
        body: recordingUrl ? { recordingUrl } : {},
      });
      setMessage("Marked as completed.");
      setMode("none");
    } catch (err) {
      setMessage(describeError(err));
    }
  };
  const rate = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const rating = Number(data.get("rating"));
    if (!rating) return setMessage("Choose from 1 to 5 stars.");
    const comment = String(data.get("comment") ?? "").trim() || null;
    await requestRating(local.db, me, { sessionId: s.id, rating, comment });
    setMessage("Thank you — your rating is sent.");
    setMode("none");
  };

  return (
    <li class="session" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {props.course} {teaching ? "with your learner" : "with"} {props.other}
      </h3>
      <p class="meta">
        {dateTime(s.scheduledStart)} · {s.status.replace("_", " ")}
        {s.recordingUrl ? (
          <>
            {" "}
            · <a href={s.recordingUrl}>Recording</a>
          </>
        ) : null}
      </p>
      <div class="actions">
        {active ? (
          <>
            <a
              class="primary"
              href={s.bbbMeetingUrl ?? `/api/sessions/${s.id}/join?redirect=true`}
              target="_blank"
              rel="noopener"
            >
              Join
            </a>
            <button type="button" onClick={() => void cancel()}>
              Cancel
            </button>
            <button
              type="button"
              aria-expanded={mode === "move"}
              onClick={() => setMode(mode === "move" ? "none" : "move")}
            >
              Move
            </button>
            {teaching && s.scheduledStart <= new Date().toISOString() ? (
              <button type="button" onClick={() => setMode("complete")}>
                Mark completed
              </button>
            ) : null}
          </>
        ) : null}
        {s.status === "completed" && !rated ? (
          <button type="button" onClick={() => setMode("rate")}>
            Rate {props.other}
          </button>
        ) : null}
      </div>
      {mode === "move" ? (
        <OpenTimes
          teacherId={s.teacherId}
          token={props.token}
          label="Move to"
          onPick={(start, end) =>
            void requestReschedule(local.db, me, { sessionId: s.id, start, end }).then(() => {
              setMode("none");
              setMessage("Move requested.");
            })
          }
        />
      ) : null}
      {mode === "complete" ? (
        <form onSubmit={(e) => void complete(e)}>
          <label for={`rec-${s.id}`}>Recording link (optional)</label>
          <input id={`rec-${s.id}`} name="recordingUrl" type="url" placeholder="https://" />
          <button type="submit" class="primary">
            Completed
          </button>
        </form>
      ) : null}
      {mode === "rate" ? (
        <form onSubmit={(e) => void rate(e)}>
          <fieldset>
            <legend>How was the session with {props.other}?</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name="rating" value={n} /> {n}
              </label>
            ))}
          </fieldset>
          <label for={`c-${s.id}`}>Comment (optional)</label>
          <textarea id={`c-${s.id}`} name="comment" maxLength={5000} rows={3} />
          <button type="submit" class="primary">
            Send rating
          </button>
        </form>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </li>
  );
}
