/** One enrolled course: progress, modules by session with "complete" checkboxes, my teacher. */
import { useLocation } from "preact-iso";
import { ApplyToTeach } from "../components/apply-to-teach";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { bySession, toOutline } from "../data/course-view";
import type { Local } from "../data/local";
import { openDirectConversation } from "../data/messaging";
import { setModuleComplete, useEnrollmentWorld } from "../data/progress";
import { RefundOffer } from "../payments/refund-offer";

export function LearnCourse({ enrollmentId }: { enrollmentId: string }) {
  return (
    <SignedIn title="Course">
      {({ me, local }) => <Body local={local} me={me.id} enrollmentId={enrollmentId} />}
    </SignedIn>
  );
}

function Body({ local, me, enrollmentId }: { local: Local; me: string; enrollmentId: string }) {
  const { route } = useLocation();
  const { enrollment, course, modules, progress } = useEnrollmentWorld(enrollmentId);
  if (enrollment === undefined) return <Loading title="Course" />;
  if (!enrollment) {
    return (
      <section>
        <h1>Course</h1>
        <p>
          This enrollment is not on this device. <a href="/learn">Back to My learning</a>
        </p>
      </section>
    );
  }
  const done = new Set((progress ?? []).filter((p) => p.isComplete).map((p) => p.moduleId));
  const mods = (modules ?? []).map(toOutline);
  const pct = mods.length ? Math.round((done.size / mods.length) * 100) : 0;
  const teacherId = enrollment.studentTeacherId ?? course?.creatorId ?? null;
  return (
    <section>
      <p>
        <a href="/learn">← My learning</a>
      </p>
      <h1>{course?.title ?? "Course"}</h1>
      <progress
        max={100}
        value={pct}
        aria-label={`${done.size} of ${mods.length} modules complete`}
      />
      <p class="meta">
        {done.size} of {mods.length} modules complete · {pct}%
      </p>
      <p class="actions">
        {course ? (
          <a class="button" href={`/courses/${course.slug}`}>
            Course page
          </a>
        ) : null}
        {teacherId ? (
          <button
            type="button"
            onClick={async () => {
              const id = await openDirectConversation(local, me, teacherId);
              route(`/messages/${id}`);
            }}
          >
            Message your teacher
          </button>
        ) : null}
      </p>
      {bySession(mods).map(([session, list]) => (
        <div key={String(session)} class="session">
          <h2>{session !== null ? `Session ${session}` : "Modules"}</h2>
          <ol class="modules">
            {list.map((m) => (
              <li key={m.id}>
                <input
                  type="checkbox"
                  id={`done-${m.id}`}
                  checked={done.has(m.id)}
                  onChange={(e) =>
                    void setModuleComplete(
                      local,
                      enrollmentId,
                      m.id,
                      (e.currentTarget as HTMLInputElement).checked,
                    )
                  }
                />
                <label for={`done-${m.id}`} class="visually-hidden">
                  {`Mark “${m.title}” complete`}
                </label>
                <a href={`/learn/${enrollmentId}/${m.id}`}>{m.title}</a>{" "}
                <span class="muted">({m.duration})</span>
              </li>
            ))}
          </ol>
        </div>
      ))}
      {course && mods.length > 0 && done.size >= mods.length && enrollment.studentId === me ? (
        <ApplyToTeach courseId={course.id} isTeacher={course.creatorId === me} />
      ) : null}
      <RefundOffer
        enrollmentId={enrollment.id}
        enrolledAt={enrollment.enrolledAt}
        status={enrollment.status}
      />
    </section>
  );
}
