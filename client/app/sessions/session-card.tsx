/**
 * One session: when (in the user's own zone), with whom, where it stands, and what one can
 * do now (actions.ts) — join; start and complete it (the teacher, online); cancel with an
 * optional reason or move it (written as requests, so it works offline); rate it once it is
 * completed, also offline.
 */
import { useState } from "preact/hooks";
import type { Local } from "../data/local";
import { api, describeError } from "../lib/api";
import { dateTime } from "../lib/format";
import { requestCancel, requestReschedule } from "../scheduling/requests";
import { actionsFor, cancelNotice, moveNotice, ratingState } from "./actions";
import { OpenTimes } from "./open-times";
import { Rating } from "./rating";
import type { RequestDoc, SessionDoc } from "./types";

type Mode = "none" | "move" | "cancel" | "complete";

export function SessionCard(props: {
  s: SessionDoc;
  me: string;
  token: string;
  local: Local;
  course: string;
  /** The other participant's name. */
  other: string;
  /** Anyone's name (who cancelled may be neither participant: a creator reassigning). */
  nameOf: (userId: string) => string;
  /** My requests about this session (rating tries among them). */
  requests: RequestDoc[];
  nowMs: number;
}) {
  const { s, me, local, nowMs } = props;
  const [mode, setMode] = useState<Mode>("none");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  // The server's answer arrives before the synced document: hide what was just done.
  const [done, setDone] = useState<"started" | "completed" | null>(null);
  const teaching = s.teacherId === me;
  const can = actionsFor(s, me, nowMs);
  const headingId = `s-${s.id}`;
  const toggle = (m: Mode) => setMode(mode === m ? "none" : m);
  // A cancel or move written (maybe offline) and not decided yet: no second change meanwhile.
  const pendingChange = props.requests.find(
    (r) => (r.kind === "cancel" || r.kind === "reschedule") && r.status === "requested",
  );

  const lifecycle = async (action: "start" | "complete", body: object) => {
    setBusy(true);
    try {
      await api(`/api/sessions/${s.id}/${action}`, { method: "POST", token: props.token, body });
      setDone(action === "start" ? "started" : "completed");
      setMessage(
        action === "start" ? "Started: the session is in progress." : "Marked as completed.",
      );
      setMode("none");
    } catch (err) {
      setMessage(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const complete = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const recordingUrl = String(data.get("recordingUrl") ?? "").trim();
    void lifecycle("complete", recordingUrl ? { recordingUrl } : {});
  };
  const cancel = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const reason = String(data.get("reason") ?? "").trim() || null;
    await requestCancel(local.db, me, s.id, reason);
    setMode("none");
    setMessage("Cancellation sent. The other side is told once the server has it.");
  };

  const started = done === "started" || s.status === "in_progress";
  const showStart = can.start && !done;
  const showComplete = can.complete && done !== "completed";
  const showChange = !done && !pendingChange;
  const state =
    done === "completed" ? "Completed" : started && !can.state ? "In progress" : can.state;

  return (
    <li class="session" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {props.course} {teaching ? "with your learner" : "with"} {props.other}
      </h3>
      <p class="meta">
        {dateTime(s.scheduledStart)}
        {state ? (
          <>
            {" "}
            · <strong class="session-state">{state}</strong>
          </>
        ) : null}
        {s.recordingUrl ? (
          <>
            {" "}
            · <a href={s.recordingUrl}>Recording</a>
          </>
        ) : null}
      </p>
      {s.status === "cancelled" ? <Cancelled s={s} me={me} nameOf={props.nameOf} /> : null}
      {pendingChange && s.status !== "cancelled" ? (
        <p class="muted">
          Your {pendingChange.kind === "cancel" ? "cancellation" : "move"} is waiting for the server
          (sent when you are online).
        </p>
      ) : null}
      <div class="actions">
        {can.join && done !== "completed" ? (
          <a
            class="primary"
            href={s.bbbMeetingUrl ?? `/api/sessions/${s.id}/join?redirect=true`}
            target="_blank"
            rel="noopener"
          >
            Join
          </a>
        ) : null}
        {showStart ? (
          <button type="button" disabled={busy} onClick={() => void lifecycle("start", {})}>
            Start
          </button>
        ) : null}
        {showComplete ? (
          <button
            type="button"
            aria-expanded={mode === "complete"}
            onClick={() => toggle("complete")}
          >
            Mark completed
          </button>
        ) : null}
        {can.cancel && showChange && !started ? (
          <button type="button" aria-expanded={mode === "cancel"} onClick={() => toggle("cancel")}>
            Cancel
          </button>
        ) : null}
        {can.move && showChange && !started ? (
          <button type="button" aria-expanded={mode === "move"} onClick={() => toggle("move")}>
            Move
          </button>
        ) : null}
      </div>
      {mode === "cancel" && can.cancel && showChange && !started ? (
        <form onSubmit={(e) => void cancel(e)} aria-label="Cancel this session">
          <p class="notice">{cancelNotice(s, me, nowMs, dateTime)}</p>
          <label for={`why-${s.id}`}>Reason (optional, shown to {props.other})</label>
          <textarea id={`why-${s.id}`} name="reason" maxLength={2000} rows={2} />
          <div class="actions">
            <button type="submit" class="primary">
              Cancel session
            </button>
            <button type="button" onClick={() => setMode("none")}>
              Keep it
            </button>
          </div>
        </form>
      ) : null}
      {mode === "move" && can.move && showChange && !started ? (
        <>
          {moveNotice(s, me, nowMs, dateTime) ? (
            <p class="notice">{moveNotice(s, me, nowMs, dateTime)}</p>
          ) : null}
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
        </>
      ) : null}
      {mode === "complete" && showComplete ? (
        <form onSubmit={complete} aria-label="Mark this session completed">
          <label for={`rec-${s.id}`}>Recording link (optional)</label>
          <input id={`rec-${s.id}`} name="recordingUrl" type="url" placeholder="https://" />
          <button type="submit" class="primary" disabled={busy}>
            Completed
          </button>
        </form>
      ) : null}
      {s.status === "completed" ? (
        <Rating
          s={s}
          me={me}
          local={local}
          other={props.other}
          state={ratingState(s, me, props.requests)}
        />
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </li>
  );
}

function Cancelled(props: { s: SessionDoc; me: string; nameOf: (userId: string) => string }) {
  const { s, me } = props;
  const by = s.cancelledBy === me ? "you" : s.cancelledBy ? props.nameOf(s.cancelledBy) : null;
  const learner = s.studentId === me;
  return (
    <p class="cancelled">
      {by ? `Cancelled by ${by}` : "Cancelled"}
      {s.cancelReason ? <>: “{s.cancelReason}”</> : null}.{" "}
      {s.countsAsUsed ? (
        <strong>
          {learner ? "Counted as one of your sessions." : "Counted as used by the learner."}
        </strong>
      ) : (
        <span class="muted">
          {learner ? "Did not count against your sessions." : "Not counted against the learner."}
        </span>
      )}
    </p>
  );
}
