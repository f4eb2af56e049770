/**
 * On the Teaching screen, for creators: learners still studying whose Student-Teacher paused,
 * each linked to their page where the creator picks a new teacher.
 */
import type { PausedTeacherLearner } from "../../../shared/api/reassign";

export function PausedTeachers(props: {
  learners: PausedTeacherLearner[];
  problem: string | null;
}) {
  if (!props.learners.length && !props.problem) return null;
  return (
    <section aria-labelledby="paused-h">
      <h2 id="paused-h">Learners whose teacher paused</h2>
      {props.learners.length ? (
        <ul>
          {props.learners.map((l) => (
            <li key={l.enrollmentId}>
              <a href={`/teaching/${l.enrollmentId}`}>{l.studentName}</a> · {l.courseTitle} ·{" "}
              <span class="muted">{l.teacherName} paused: choose a new teacher</span>
            </li>
          ))}
        </ul>
      ) : null}
      {props.problem ? <p class="muted">{props.problem}</p> : null}
    </section>
  );
}
