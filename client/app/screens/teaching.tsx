/** Teacher view: my students per course with their progress and last activity. */

import { Loading } from "../components/loading";
import { PausedTeachers } from "../components/paused-teachers";
import { SignedIn } from "../components/signed-in";
import { TeacherApplications } from "../components/teacher-applications";
import { usePeople } from "../data/people";
import { usePausedTeacherLearners } from "../data/reassign";
import { useTeaching } from "../data/teaching";
import { ago } from "../lib/format";

export function Teaching() {
  return <SignedIn title="Teaching">{({ me }) => <Body me={me.id} />}</SignedIn>;
}

function Body({ me }: { me: string }) {
  const groups = useTeaching(me);
  const people = usePeople();
  const paused = usePausedTeacherLearners(me);
  const pausedIds = new Set((paused.data?.learners ?? []).map((l) => l.enrollmentId));
  if (!groups) return <Loading title="Teaching" />;
  return (
    <section>
      <h1>Teaching</h1>
      <TeacherApplications me={me} />
      {paused.isCreator ? (
        <PausedTeachers learners={paused.data?.learners ?? []} problem={paused.problem} />
      ) : null}
      {groups.length === 0 ? (
        <p>No students yet. Students you teach, or who take your courses, appear here.</p>
      ) : null}
      {groups.map((g) => (
        <section key={g.courseId} aria-labelledby={`c-${g.courseId}`}>
          <h2 id={`c-${g.courseId}`}>{g.title}</h2>
          <table class="students">
            <caption class="visually-hidden">Students of {g.title}</caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Progress</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {g.students.map((s) => {
                const name = people.get(s.enrollment.studentId)?.name ?? "Student";
                const pct = s.total ? Math.round((s.done / s.total) * 100) : 0;
                return (
                  <tr key={s.enrollment.id}>
                    <th scope="row">
                      <a href={`/teaching/${s.enrollment.id}`}>{name}</a>
                      {s.enrollment.status === "cancelled" ? (
                        <span class="muted"> (cancelled)</span>
                      ) : null}
                      {pausedIds.has(s.enrollment.id) ? (
                        <>
                          {" "}
                          <span class="badge paused">Teacher paused</span>
                        </>
                      ) : null}
                    </th>
                    <td>
                      <progress
                        max={100}
                        value={pct}
                        aria-label={`${name}: ${s.done} of ${s.total} modules`}
                      />{" "}
                      {s.done}/{s.total}
                    </td>
                    <td>{s.lastActivity ? ago(s.lastActivity) : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
