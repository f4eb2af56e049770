/**
 * What the demo world's teaching holds, per enrollment of world.ts (same order): how many
 * sessions were completed (each rated both ways), booked, or cancelled, and the ratings.
 * Pure, so tests can state what the catalog shows without reading it back. The course
 * rating and count themselves are never written here: the seed recomputes them from the
 * rating rows with the live code (scheduling/rate.ts), so they agree as they do live.
 */
import { demoCourses, demoEnrollments } from "./world";

export interface RatedSession {
  /** The learner's rating of the teacher (these make the course rating). */
  learnerRating: number;
  learnerComment: string;
  /** The teacher's rating of the learner. */
  teacherRating: number;
  teacherComment: string;
}

export interface EnrollmentPlan {
  course: string;
  /** The Student-Teacher's handle, or the course's creator when the enrollment has none. */
  teacher: string;
  completed: RatedSession[];
  upcoming: number;
  cancelledByLearner: boolean;
  cancelledByTeacher: boolean;
}

/**
 * Learners' ratings of a course's sessions, in order, from one of these rotations of
 * [5, 4, 5, 5, 5, 4]: every prefix averages at least 4.5 (the seed's 4.5–5.0 range).
 */
const LEARNER_RATINGS = [5, 4, 5, 5, 5, 4];
const ROTATIONS = [0, 2, 3, 4];
const TEACHER_RATINGS = [5, 5, 4, 5];
const COMMENTS = {
  learner: [
    "Patient and clear — I finally understood it.",
    "Great examples, we built something real.",
    "Really well prepared. Thank you!",
    "Answered every question, even the silly ones.",
  ],
  teacher: [
    "Came prepared with questions.",
    "Quick learner, did the homework.",
    "A pleasure to teach.",
  ],
};

/** Sessions a course includes; the demo books at most 3 where the course sets no limit. */
const roomOf = (course: string) => demoCourses.find((c) => c.slug === course)?.sessionCount ?? 3;

export function demoTeachingPlan(): EnrollmentPlan[] {
  const ratedInCourse = new Map<string, number>();
  let n = 0;
  return demoEnrollments.map((e) => {
    const course = demoCourses.find((c) => c.slug === e.course);
    if (!course) throw new Error(`demo enrollment in unknown course ${e.course}`);
    const room = roomOf(e.course);
    const counts =
      e.status === "completed"
        ? { completed: room, upcoming: 0 }
        : e.status === "in_progress"
          ? { completed: Math.min(2, room - 1), upcoming: 1 }
          : { completed: 0, upcoming: 0 };
    const rotation = ROTATIONS[demoCourses.indexOf(course) % ROTATIONS.length] ?? 0;
    const completed = Array.from({ length: counts.completed }, () => {
      const i = ratedInCourse.get(e.course) ?? 0;
      ratedInCourse.set(e.course, i + 1);
      const k = n++;
      return {
        learnerRating: LEARNER_RATINGS[(i + rotation) % LEARNER_RATINGS.length] ?? 5,
        learnerComment: COMMENTS.learner[k % COMMENTS.learner.length] ?? "",
        teacherRating: TEACHER_RATINGS[k % TEACHER_RATINGS.length] ?? 5,
        teacherComment: COMMENTS.teacher[k % COMMENTS.teacher.length] ?? "",
      };
    });
    return {
      course: e.course,
      teacher: e.teacher ?? course.creator,
      completed,
      upcoming: counts.upcoming,
      // In progress: one more the learner moved away from in good time (free).
      cancelledByLearner: e.status === "in_progress",
      // Just enrolled: their first booking, cancelled by the teacher.
      cancelledByTeacher: e.status === "enrolled",
    };
  });
}

/**
 * A course's rating and count as the recompute makes them from the plan's rows: the
 * average of learners' ratings to 2 decimals (half away from zero, as Postgres rounds
 * numerics), and no rating at all when there is none.
 */
export function demoCourseRatings(): Map<string, { rating: number | null; count: number }> {
  const out = new Map(
    demoCourses.map((c) => [c.slug, { rating: null as number | null, count: 0 }]),
  );
  const sums = new Map<string, number>();
  for (const p of demoTeachingPlan()) {
    for (const s of p.completed) {
      sums.set(p.course, (sums.get(p.course) ?? 0) + s.learnerRating);
      const r = out.get(p.course);
      if (r) r.count++;
    }
  }
  for (const [slug, r] of out)
    if (r.count) r.rating = Math.round(((sums.get(slug) ?? 0) * 100) / r.count) / 100;
  return out;
}
