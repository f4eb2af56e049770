/** One student's module-by-module progress, for their teacher (from the local database). */
import { useLocation } from "preact-iso";
import { CertificateActions } from "../components/certificate-actions";
import { Loading } from "../components/loading";
import { SignedIn } from "../components/signed-in";
import { TeacherControl } from "../components/teacher-control";
import { openDirectConversation } from "../data/messaging";
import { usePeople } from "../data/people";
import { useEnrollmentWorld } from "../data/progress";
import { date } from "../lib/format";

export function StudentProgress({ enrollmentId }: { enrollmentId: string }) {
  const { route } = useLocation();
  const people = usePeople();
  const { enrollment: e, course, modules, progress } = useEnrollmentWorld(enrollmentId);
  return (
    <SignedIn title="Student">
      {({ me, local }) => {
        if (e === undefined) return <Loading title="Student" />;
        if (!e)
          return (
            <section>
              <h1>Student</h1>
              <p>
                Not on this device. <a href="/teaching">Back</a>
              </p>
            </section>
          );
        const name = people.get(e.studentId)?.name ?? "Student";
        const byModule = new Map((progress ?? []).map((p) => [p.moduleId, p]));
        return (
          <section>
            <p>
              <a href="/teaching">← Teaching</a>
            </p>
            <h1>{name}</h1>
            <p class="meta">
              {course?.title} · enrolled {date(e.enrolledAt)} · {e.status.replace("_", " ")}
            </p>
            <p>
              <button
                type="button"
                onClick={async () =>
                  route(`/messages/${await openDirectConversation(local, me.id, e.studentId)}`)
                }
              >
                Message {name}
              </button>
            </p>
            {course?.creatorId === me.id && e.status !== "cancelled" ? (
              <TeacherControl
                enrollmentId={e.id}
                teacherId={e.studentTeacherId}
                me={me.id}
                names={people}
              />
            ) : null}
            <ol class="modules">
              {(modules ?? []).map((m) => {
                const p = byModule.get(m.id);
                return (
                  <li key={m.id}>
                    <span aria-hidden="true">{p?.isComplete ? "✓ " : "○ "}</span>
                    {m.title}{" "}
                    <span class="muted">
                      {p?.isComplete
                        ? `completed ${p.completedAt ? date(p.completedAt) : ""}`
                        : "not done yet"}
                    </span>
                  </li>
                );
              })}
            </ol>
            {e.studentTeacherId === me.id || course?.creatorId === me.id ? (
              <CertificateActions
                studentId={e.studentId}
                courseId={e.courseId}
                role={course?.creatorId === me.id ? "creator" : "teacher"}
              />
            ) : null}
          </section>
        );
      }}
    </SignedIn>
  );
}
