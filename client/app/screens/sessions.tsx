/**
 * Sessions: book with your teacher (open times in your own zone), your requests and what
 * the server decided, upcoming sessions with their join link, past ones to rate, your
 * calendar feed — and, for teachers, their availability. Reads the local database, so it
 * opens offline; bookings made offline wait as pending requests.
 */
import { useState } from "preact/hooks";
import { AvailabilityEditor } from "../components/availability-editor";
import { OpenTimes } from "../components/book-session";
import { Loading } from "../components/loading";
import { SessionCard } from "../components/session-card";
import { SignedIn } from "../components/signed-in";
import { useSession } from "../data/hooks";
import type { Local } from "../data/local";
import { usePeople } from "../data/people";
import { type RequestDoc, useSessionsView } from "../data/sessions";
import { api, describeError } from "../lib/api";
import { dateTime } from "../lib/format";
import { requestBooking } from "../scheduling/requests";

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

function Body({ me, local }: { me: string; local: Local }) {
  const s = useSession();
  const view = useSessionsView(me);
  const people = usePeople();
  const [booking, setBooking] = useState<string | null>(null);
  if (!view || !s) return <Loading title="Sessions" />;
  const name = (id: string) => people.get(id)?.name ?? "someone";
  const teaches = s.user.isStudentTeacher || s.user.isCreator;
  const pendingRate = new Set(
    view.requests
      .filter((r) => r.kind === "rate" && r.status !== "declined")
      .map((r) => r.targetSessionId),
  );
  const card = (x: (typeof view.upcoming)[number]) => (
    <SessionCard
      key={x.id}
      s={x}
      me={me}
      token={s.token}
      local={local}
      course={view.courseTitleOf(x)}
      other={name(x.teacherId === me ? x.studentId : x.teacherId)}
      ratingPending={pendingRate.has(x.id)}
    />
  );
  return (
    <section>
      <h1>Sessions</h1>

      {view.bookable.length ? (
        <section aria-labelledby="book">
          <h2 id="book">Book a session</h2>
          <ul class="list">
            {view.bookable.map((b) => {
              const left = b.sessionCount === null ? null : b.sessionCount - b.used;
              return (
                <li key={b.enrollmentId}>
                  <strong>{b.courseTitle}</strong> with {name(b.teacherId)}
                  {left !== null ? (
                    <span class="muted">
                      {" "}
                      · {left} of {b.sessionCount} sessions left
                    </span>
                  ) : null}{" "}
                  <button
                    type="button"
                    aria-expanded={booking === b.enrollmentId}
                    disabled={left !== null && left <= 0}
                    onClick={() => setBooking(booking === b.enrollmentId ? null : b.enrollmentId)}
                  >
                    Choose a time
                  </button>
                  {booking === b.enrollmentId ? (
                    <OpenTimes
                      teacherId={b.teacherId}
                      token={s.token}
                      label={b.courseTitle}
                      onPick={(start, end) =>
                        void requestBooking(local.db, me, {
                          teacherId: b.teacherId,
                          enrollmentId: b.enrollmentId,
                          start,
                          end,
                        }).then(() => setBooking(null))
                      }
                    />
                  ) : null}
                </li>
              );
            })}
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

      <section aria-labelledby="upcoming">
        <h2 id="upcoming">Upcoming</h2>
        {view.upcoming.length ? (
          <ul class="list">{view.upcoming.map(card)}</ul>
        ) : (
          <p>No sessions booked.</p>
        )}
      </section>

      {view.past.length ? (
        <section aria-labelledby="past">
          <h2 id="past">Completed</h2>
          <ul class="list">{view.past.map(card)}</ul>
        </section>
      ) : null}

      <CalendarLink token={s.token} />
      {teaches ? <AvailabilityEditor me={me} local={local} /> : null}
    </section>
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
