/** What the creator needs to reassign a learner: who may teach them, and whose teacher paused. */
import { z } from "zod";
import { courseTeacherSchema } from "./payments";

/** One enrollment's current teacher and the teachers the creator may move it to. */
export const enrollmentTeachersSchema = z.object({
  enrollmentId: z.uuid(),
  /** `null`: the creator teaches this learner. */
  currentTeacherId: z.uuid().nullable(),
  /** Their name, also when they paused (and so are not among `teachers`). */
  currentTeacherName: z.string().nullable(),
  /** The current Student-Teacher paused their certification on this course. */
  currentTeacherPaused: z.boolean(),
  /** The creator first, then the course's active Student-Teachers (never the learner). */
  teachers: z.array(courseTeacherSchema),
});
export type EnrollmentTeachers = z.output<typeof enrollmentTeachersSchema>;

export const pausedTeacherLearnerSchema = z.object({
  enrollmentId: z.uuid(),
  courseId: z.uuid(),
  courseTitle: z.string(),
  studentId: z.uuid(),
  studentName: z.string(),
  teacherId: z.uuid(),
  teacherName: z.string(),
});
export type PausedTeacherLearner = z.output<typeof pausedTeacherLearnerSchema>;

export const pausedTeacherLearnersSchema = z.object({
  learners: z.array(pausedTeacherLearnerSchema),
});
