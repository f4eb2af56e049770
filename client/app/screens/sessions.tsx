/**
 * Sessions: book with your teacher (open times in your own zone, sessions left), your
 * requests and what the server decided, sessions whose time is over (to complete), upcoming
 * ones with their join link, completed ones to rate, recent cancellations (who, why, whether
 * counted), your calendar feed — and, for teachers, their availability. Reads the local
 * database, so it opens offline; what is done offline waits as pending requests.
 */
import { useState } from "preact/hooks";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { useSession, useTick } from "../data/hooks";
import type { Local } from "../data/local";
import { usePeople } from "../data/people";
import { type Bookable, type RequestDoc, type SessionDoc, useSessionsView } from "../data/sessions";
import { api, describeError } from "../lib/api";
import { dateTime, plural } from "../lib/format";
import { requestBooking } from "../scheduling/requests";
import { ratingState } from "../sessions/actions";
import { AvailabilityEditor } from "../sessions/availability-editor";
import { OpenTimes } from "../sessions/open-times";
import { SessionCard } from "../sessions/session-card";

export function Sessions() {
  return (
    <SignedIn title="Sessions">{({ me, local }) => <Body me={me.id} local={local} />}</SignedIn>
  );
}

const KIND: Record<string, string> = {
  book: "Booking",
  reschedule: "Move",
  cancel: "Cancellation",
  rate: "Rating",
};

/** Completed sessions listed before "Show all" (besides those still to rate). */
const COMPLETED_SHOWN = 10;

/** Sessions change group when their time passes: look again this often. */
const REFRESH_MS = 30_000;

function Body({ me, local }: { me: string; local: Local }) {
  const s = useSession();
  useTick(REFRESH_MS);
  const nowMs = Date.now();
  const view = useSessionsView(me, nowMs);
  const people = usePeople();
  const [booking, setBooking] = useState<string | null>(null);
  const [allCompleted, setAllCompleted] = useState(false);
  if (!view || !s) return <Loading title="Sessions" />;
  const name = (id: string) => people.get(id)?.name ?? "someone";
  const teaches = s.user.isStudentTeacher || s.user.isCreator;
  const mine = (x: SessionDoc) =>
    view.requests.filter((r) => r.userId === me && r.targetSessionId === x.id);
  const card = (x: SessionDoc) => (
    <SessionCard
      key={x.id}
      s={x}
      me={me}
      token={s.token}
      local={local}
      course={view.courseTitleOf(x)}
      other={name(x.teacherId === me ? x.studentId : x.teacherId)}
      nameOf={name}
      requests={mine(x)}
      nowMs={nowMs}
    />
  );
  const canRate = (x: SessionDoc) => ratingState(x, me, mine(x)).kind === "can_rate";
  const toRate = view.completed.filter(canRate);
  // A busy teacher's history runs to hundreds: the latest few, and every one still to rate.
  const completedShown = allCompleted
    ? view.completed
    : view.completed.filter((x, i) => i < COMPLETED_SHOWN || canRate(x));
  return (
    <section>
      <h1>Sessions</h1>

      {view.bookable.length ? (
        <section aria-labelledby="book">
          <h2 id="book">Book a session</h2>
          <ul class="list">
            {view.bookable.map((b) => (
              <BookRow
                key={b.enrollmentId}
                b={b}
                teacher={name(b.teacherId)}
                open={booking === b.enrollmentId}
                onToggle={() => setBooking(booking === b.enrollmentId ? null : b.enrollmentId)}
                token={s.token}
                onPick={(start, end) =>
                  void requestBooking(local.db, me, {
                    teacherId: b.teacherId,
                    enrollmentId: b.enrollmentId,
                    start,
                    end,
                  }).then(() => setBooking(null))
                }
              />
            ))}
          </ul>
        </section>
      ) : null}

      {view.requests.length ? (
        <section aria-labelledby="requests">
          <h2 id="requests">Your requests</h2>
          <ul class="list">
            {view.requests.slice(0, 10).map((r) => (
              <RequestRow key={r.id} r={r} />
            ))}
          </ul>
        </section>
      ) : null}

      {view.overdue.length ? (
        <section aria-labelledby="overdue">
          <h2 id="overdue">Time is over, not completed yet</h2>
          <ul class="list">{view.overdue.map(card)}</ul>
        </section>
      ) : null}

      <section aria-labelledby="upcoming">
        <h2 id="upcoming">Upcoming</h2>
        {view.upcoming.length ? (
          <ul class="list">{view.upcoming.map(card)}</ul>
        ) : (
          <p>No sessions booked.</p>
        )}
      </section>

      {view.completed.length ? (
        <section aria-labelledby="past">
          <h2 id="past">Completed</h2>
          {toRate.length ? (
            <p class="notice">{plural(toRate.length, "session")} waiting for your rating.</p>
          ) : null}
          <ul class="list">{completedShown.map(card)}</ul>
          {completedShown.length < view.completed.length ? (
            <button type="button" onClick={() => setAllCompleted(true)}>
              Show all {view.completed.length} completed sessions
            </button>
          ) : null}
        </section>
      ) : null}

      {view.cancelled.length ? (
        <section aria-labelledby="cancelled">
          <h2 id="cancelled">Cancelled recently</h2>
          <ul class="list">{view.cancelled.map(card)}</ul>
        </section>
      ) : null}

      <CalendarLink token={s.token} />
      {teaches ? <AvailabilityEditor me={me} local={local} /> : null}
    </section>
  );
}

function BookRow(props: {
  b: Bookable;
  teacher: string;
  open: boolean;
  onToggle: () => void;
  token: string;
  onPick: (start: string, end: string) => void;
}) {
  const { b } = props;
  const { left, pending } = b.count;
  const full = left !== null && left <= 0;
  const why = `why-${b.enrollmentId}`;
  return (
    <li>
      <strong>{b.courseTitle}</strong> with {props.teacher}
      {left !== null ? (
        <span class="muted">
          {" "}
          · {left} of {b.sessionCount} sessions left
          {pending ? ` (${plural(pending, "booking")} waiting for the server)` : ""}
        </span>
      ) : null}{" "}
      <button
        type="button"
        aria-expanded={props.open}
        disabled={full}
        aria-describedby={full ? why : undefined}
        onClick={props.onToggle}
      >
        Choose a time
      </button>
      {full ? (
        <p id={why} class="hint">
          No sessions left: all {b.sessionCount} sessions of this course are booked or used
          {pending ? " (counting bookings not yet confirmed)" : ""}.
        </p>
      ) : null}
      {props.open && !full ? (
        <OpenTimes
          teacherId={b.teacherId}
          token={props.token}
          label={b.courseTitle}
          onPick={props.onPick}
        />
      ) : null}
    </li>
  );
}

function RequestRow({ r }: { r: RequestDoc }) {
  const when = r.start ? ` for ${dateTime(r.start)}` : "";
  return (
    <li>
      {KIND[r.kind]}
      {when}:{" "}
      {r.status === "requested" ? (
        <span class="muted">waiting for the server (sent when you are online)</span>
      ) : r.status === "confirmed" ? (
        <strong>confirmed</strong>
      ) : (
        <span>
          <strong>declined</strong> — {r.declineMessage}
        </span>
      )}
    </li>
  );
}

function CalendarLink({ token }: { token: string }) {
  const [url, setUrl] = useState("");
  const [error, setError] = useState("");
  const get = () =>
    api<{ url: string }>("/api/calendar/token", { method: "POST", token })
      .then((r) => {
        setUrl(r.url);
        setError("");
      })
      .catch((err) => setError(describeError(err)));
  return (
    <section aria-labelledby="calendar">
      <h2 id="calendar">Calendar</h2>
      <p class="muted">
        Subscribe to your sessions from your calendar app. The link is private; a new link replaces
        the old one.
      </p>
      <button type="button" onClick={() => void get()}>
        {url ? "Get a new link" : "Get my calendar link"}
      </button>
      {url ? (
        <p>
          <label for="ics-url">Your calendar link</label>
          <input
            id="ics-url"
            readOnly
            value={url}
            onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
          />
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
