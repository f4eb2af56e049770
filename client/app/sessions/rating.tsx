/**
 * Rating a completed session: each side rates the other once (1–5 and a comment), written
 * as a request on the device — also offline — and decided by the server. Shows where my
 * rating stands (actions.ts `ratingState`) and the rating the other side gave me.
 */
import { useState } from "preact/hooks";
import {
  isValidRating,
  RATING_MAX,
  RATING_MIN,
  RATING_SCALE,
} from "../../../shared/scheduling/policy";
import type { Local } from "../data/local";
import { requestRating } from "../scheduling/requests";
import type { RatingState } from "./actions";
import type { SessionDoc } from "./types";

export function Rating(props: {
  s: SessionDoc;
  me: string;
  local: Local;
  other: string;
  state: RatingState;
}) {
  const { s, me, state } = props;
  const [open, setOpen] = useState(false);
  const [error, setError] = useState("");
  const received = s.assessments.find((a) => a.assesseeId === me);

  const send = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const rating = Number(data.get("rating"));
    if (!isValidRating(rating)) return setError(`Choose from ${RATING_MIN} to ${RATING_MAX}.`);
    const comment = String(data.get("comment") ?? "").trim() || null;
    await requestRating(props.local.db, me, { sessionId: s.id, rating, comment });
    setError("");
    setOpen(false);
  };

  return (
    <div class="rating">
      {state.kind === "rated" ? (
        <p>
          You rated {props.other}{" "}
          <strong>
            {state.rating}/{RATING_MAX}
          </strong>
          {state.comment ? <>: “{state.comment}”</> : null}
        </p>
      ) : null}
      {state.kind === "pending" ? (
        <p class="muted">
          Your rating ({state.rating}/{RATING_MAX}) is waiting for the server (sent when you are
          online).
        </p>
      ) : null}
      {state.kind === "refused" ? (
        <p>
          <strong>Rating not accepted</strong> — {state.message}
        </p>
      ) : null}
      {state.kind === "can_rate" && state.declined ? (
        <p>
          <strong>Your last rating was declined</strong> — {state.declined}
        </p>
      ) : null}
      {received ? (
        <p class="muted">
          {props.other} rated you {received.rating}/{RATING_MAX}
          {received.comment ? <>: “{received.comment}”</> : null}
        </p>
      ) : null}
      {state.kind === "can_rate" ? (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          Rate {props.other}
        </button>
      ) : null}
      {state.kind === "can_rate" && open ? (
        <form onSubmit={(e) => void send(e)} aria-label={`Rate ${props.other}`}>
          <fieldset>
            <legend>How was the session with {props.other}?</legend>
            {RATING_SCALE.map((n) => (
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
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
