/** My learning: the courses I am enrolled in, with progress, all from the local database. */
import { useLocation } from "preact-iso";
import { SignedIn } from "../components/signed-in";
import { useLive } from "../data/hooks";
import type { Local } from "../data/local";

export function MyLearning() {
  const { query } = useLocation();
  return (
    <SignedIn title="My learning">
      {({ me, local }) => (
        <section>
          <h1>My learning</h1>
          {query.welcome ? (
            <p class="notice" role="status">
              Welcome, {me.name}! We sent a link to {me.email} to confirm your address.
            </p>
          ) : null}
          <Enrolled local={local} userId={me.id} />
        </section>
      )}
    </SignedIn>
  );
}

function Enrolled({ local, userId }: { local: Local; userId: string }) {
  const enrollments = useLive(
    (l) => l.db.enrollments.find({ selector: { studentId: userId } }).$,
    [userId],
  );
  const courses = useLive((l) => l.db.courses.find().$, []);
  const modules = useLive((l) => l.db.modules.find().$, []);
  const progress = useLive((l) => l.db.progress.find({ selector: { isComplete: true } }).$, []);
  if (!enrollments || !courses || !modules || !progress) return <p role="status">Loading…</p>;
  const active = enrollments
    .filter((e) => e.status !== "cancelled")
    .sort((a, b) => b.enrolledAt.localeCompare(a.enrolledAt));
  if (active.length === 0) {
    const first = !local.sync.status.initialSync.done;
    return (
      <p>
        {first
          ? "Your courses appear here as soon as the first sync brings them."
          : "You are not enrolled in any course yet."}{" "}
        <a href="/courses">Browse courses</a>
      </p>
    );
  }
  return (
    <ul class="cards">
      {active.map((e) => {
        const course = courses.find((c) => c.id === e.courseId);
        const total = modules.filter((m) => m.courseId === e.courseId).length;
        const done = progress.filter((p) => p.enrollmentId === e.id).length;
        const pct = total ? Math.round((done / total) * 100) : 0;
        const label = `${course?.title ?? "Course"}: ${done} of ${total} modules complete`;
        return (
          <li key={e.id}>
            <article class="card">
              <h2>
                <a href={`/learn/${e.id}`}>{course?.title ?? "Course (syncing…)"}</a>
              </h2>
              {course?.tagline ? <p>{course.tagline}</p> : null}
              <progress max={100} value={pct} aria-label={label} />
              <p class="meta">
                {e.status === "completed" ? "Completed · " : ""}
                {done} of {total} modules · {pct}%
              </p>
            </article>
          </li>
        );
      })}
    </ul>
  );
}
