/**
 * Enroll and Follow. Enrolling is decided by the server after payment (the payments work
 * brings checkout); until then the button says what it will do. Following needs a server
 * endpoint that does not exist yet, so it explains that too rather than pretend.
 */
import { useState } from "preact/hooks";
import type { CourseView } from "../data/course-view";
import { money } from "../lib/format";

export function CourseActions(props: { course: CourseView; enrollmentId: string | null }) {
  const [note, setNote] = useState<"enroll" | "follow" | null>(null);
  const c = props.course;
  if (props.enrollmentId) {
    return (
      <p class="actions">
        <a class="button primary" href={`/learn/${props.enrollmentId}`}>
          Continue learning
        </a>
      </p>
    );
  }
  return (
    <>
      <p class="actions">
        <button
          type="button"
          class="primary"
          aria-expanded={note === "enroll"}
          aria-controls="action-note"
          onClick={() => setNote(note === "enroll" ? null : "enroll")}
        >
          Enroll · {money(c.priceCents, c.currency)}
        </button>
        <button
          type="button"
          aria-expanded={note === "follow"}
          aria-controls="action-note"
          onClick={() => setNote(note === "follow" ? null : "follow")}
        >
          Follow
        </button>
      </p>
      <div id="action-note" aria-live="polite">
        {note === "enroll" ? (
          <p class="notice">
            Enrolling opens a secure checkout for {money(c.priceCents, c.currency)}. As soon as the
            payment is confirmed, the course and its modules appear in My learning on all your
            devices. Checkout arrives with payments — coming soon.
          </p>
        ) : null}
        {note === "follow" ? (
          <p class="notice">
            Following will bring this course's news and its outline to your devices. It is not open
            yet.
          </p>
        ) : null}
      </div>
    </>
  );
}
