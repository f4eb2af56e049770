import { describe, expect, it } from "vitest";
import { scope, scopesOf, type UserRights } from "./scopes";

const U = "u-1";
const base: UserRights = {
  userId: U,
  asStudent: [],
  asTeacher: [],
  created: [],
  teaching: [],
  followedCourseIds: [],
  conversations: [],
  courseCreators: {},
  courseTeachers: {},
};

describe("scopesOf: who may see what", () => {
  it("everyone has their own private, profile and availability scopes", () => {
    expect([...scopesOf(base)].sort()).toEqual(
      [scope("availability", U), scope("profile", U), scope("user", U)].sort(),
    );
  });

  it("a learner sees the course, its content, their enrollment, their teacher and the bookable teachers", () => {
    const s = scopesOf({
      ...base,
      asStudent: [{ id: "e1", courseId: "c1", status: "in_progress", teacherId: "t1" }],
      courseCreators: { c1: "creator" },
      courseTeachers: { c1: ["t1", "t2"] },
    });
    for (const x of [
      "course:c1",
      "content:c1",
      "enrollment:e1",
      "profile:t1",
      "profile:t2",
      "profile:creator",
      "availability:t2",
      "availability:creator",
    ]) {
      expect(s.has(x as never), x).toBe(true);
    }
    expect(s.has("course-students:c1" as never)).toBe(false);
  });

  it("a learner keeps their own teacher's availability after the teacher pauses; others do not get it", () => {
    // t1 paused: no longer in courseTeachers (active only), but still e1's teacher.
    const mine = scopesOf({
      ...base,
      asStudent: [{ id: "e1", courseId: "c1", status: "in_progress", teacherId: "t1" }],
      courseCreators: { c1: "creator" },
      courseTeachers: { c1: ["t2"] },
    });
    for (const x of ["availability:t1", "profile:t1", "availability:t2", "availability:creator"])
      expect(mine.has(x as never), x).toBe(true);
    const newcomer = scopesOf({
      ...base,
      asStudent: [{ id: "e2", courseId: "c1", status: "enrolled", teacherId: "t2" }],
      courseCreators: { c1: "creator" },
      courseTeachers: { c1: ["t2"] },
    });
    expect(newcomer.has("availability:t1" as never)).toBe(false);
    expect(newcomer.has("availability:t2" as never)).toBe(true);
  });

  it("completion keeps lifetime access; cancellation ends it but the enrollment stays visible", () => {
    const completed = scopesOf({
      ...base,
      asStudent: [{ id: "e1", courseId: "c1", status: "completed", teacherId: null }],
    });
    expect(completed.has("content:c1" as never)).toBe(true);
    const cancelled = scopesOf({
      ...base,
      asStudent: [{ id: "e1", courseId: "c1", status: "cancelled", teacherId: "t1" }],
      courseTeachers: { c1: ["t1"] },
      courseCreators: { c1: "creator" },
    });
    expect(cancelled.has("enrollment:e1" as never)).toBe(true);
    for (const gone of [
      "course:c1",
      "content:c1",
      "profile:t1",
      "availability:t1",
      "profile:creator",
    ]) {
      expect(cancelled.has(gone as never), gone).toBe(false);
    }
  });

  it("a follower gets the course document but not its content", () => {
    const s = scopesOf({ ...base, followedCourseIds: ["c9"], courseCreators: { c9: "cr" } });
    expect(s.has("course:c9" as never)).toBe(true);
    expect(s.has("content:c9" as never)).toBe(false);
    expect(s.has("profile:cr" as never)).toBe(true);
  });

  it("a Student-Teacher sees the enrollments assigned to them and those students' cards", () => {
    const s = scopesOf({
      ...base,
      asTeacher: [{ id: "e7", courseId: "c1", studentId: "s7", status: "in_progress" }],
      teaching: [{ courseId: "c1", isActive: true }],
    });
    expect(s.has("enrollment:e7" as never)).toBe(true);
    expect(s.has("profile:s7" as never)).toBe(true);
    expect(s.has("content:c1" as never)).toBe(true);
    expect(s.has("course-students:c1" as never)).toBe(false);
  });

  it("a creator sees every enrollment of their courses and their learners' cards", () => {
    const s = scopesOf({ ...base, created: [{ courseId: "c1", studentIds: ["s1", "s2"] }] });
    for (const x of ["course-students:c1", "content:c1", "profile:s1", "profile:s2"])
      expect(s.has(x as never), x).toBe(true);
  });

  it("conversations grant their messages and the other participants' cards, nothing else", () => {
    const s = scopesOf({ ...base, conversations: [{ id: "k1", otherUserIds: ["o1"] }] });
    expect(s.has("conversation:k1" as never)).toBe(true);
    expect(s.has("profile:o1" as never)).toBe(true);
    expect(s.has("user:o1" as never)).toBe(false);
  });
});
