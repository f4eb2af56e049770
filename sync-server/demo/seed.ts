/**
 * Fills the database with the demo world of world.ts, in one transaction, so a half-seeded
 * database cannot exist. Idempotent: a database that already has the demo world (its
 * flagship course) is left alone, and `onlyIfEmpty` (first start) also leaves alone any
 * database that has users of its own.
 */
import { count, eq } from "drizzle-orm";
import { directConversationId, progressId } from "../../shared/ids/derived-id";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { hashPassword } from "../auth/password";
import type { Config } from "../config";
import type { Db } from "../db/database";
import * as s from "../db/schema";
import { seedDemoCredentials } from "./credentials";
import { seedDemoMoney } from "./money";
import { seedTeaching } from "./teaching";
import * as w from "./world";

export interface SeedResult {
  created: boolean;
  reason?: "already_seeded" | "not_empty";
  users?: number;
  courses?: number;
  enrollments?: number;
}

const DAY_MS = 86_400_000;
const FLAGSHIP = "intro-to-claude-code";

export async function seedDemoWorld(
  db: Db,
  config: Config,
  opts: { onlyIfEmpty: boolean },
): Promise<SeedResult> {
  const [flagship] = await db
    .select({ id: s.courses.id })
    .from(s.courses)
    .where(eq(s.courses.slug, FLAGSHIP));
  if (flagship) return { created: false, reason: "already_seeded" };
  if (opts.onlyIfEmpty) {
    const [existing] = await db.select({ n: count() }).from(s.users);
    if ((existing?.n ?? 0) > 0) return { created: false, reason: "not_empty" };
  }
  // One hash for every demo account: they share a password, and hashing once keeps the
  // first start fast (scrypt is deliberately slow).
  const passwordHash = await hashPassword(w.DEMO_PASSWORD, config.PASSWORD_SCRYPT_N);
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY_MS);

  await db.transaction(async (tx) => {
    const userId = new Map(w.demoUsers.map((u) => [u.handle, uuidv7()]));
    const categoryId = new Map(w.demoCategories.map((c) => [c.slug, uuidv7()]));
    const courseId = new Map(w.demoCourses.map((c) => [c.slug, uuidv7()]));
    const moduleIds = new Map(w.demoCourses.map((c) => [c.slug, c.modules.map(() => uuidv7())]));
    const need = <K, V>(m: Map<K, V>, k: K): V => {
      const v = m.get(k);
      if (v === undefined) throw new Error(`demo world refers to unknown ${String(k)}`);
      return v;
    };
    const uid = (handle: string) => need(userId, handle);
    const cid = (slug: string) => need(courseId, slug);

    await tx.insert(s.users).values(
      w.demoUsers.map((u, i) => ({
        id: uid(u.handle),
        email: u.email,
        passwordHash,
        name: u.name,
        handle: u.handle,
        title: u.title ?? null,
        bio: u.bio ?? null,
        bioShort: u.bioShort ?? null,
        teachingPhilosophy: u.teachingPhilosophy ?? null,
        website: u.website ?? null,
        role: u.role,
        isCreator: u.isCreator ?? false,
        isStudentTeacher: u.isStudentTeacher ?? false,
        isAdmin: u.isAdmin ?? false,
        isModerator: u.isModerator ?? false,
        isEmployer: u.isEmployer ?? false,
        privacyPublic: u.privacyPublic ?? true,
        emailVerified: true,
        timezone: u.timezone,
        createdAt: ago(400 - i * 7),
      })),
    );
    const perUser = <T>(
      pick: (u: w.DemoUser) => string[] | undefined,
      make: (userId: string, v: string, i: number) => T,
    ) => w.demoUsers.flatMap((u) => (pick(u) ?? []).map((v, i) => make(uid(u.handle), v, i)));
    const quals = perUser(
      (u) => u.qualifications,
      (userId, sentence, i) => ({ id: uuidv7(), userId, sentence, displayOrder: i }),
    );
    const expertise = perUser(
      (u) => u.expertise,
      (userId, tag) => ({ id: uuidv7(), userId, tag }),
    );
    const interests = perUser(
      (u) => u.interests,
      (userId, tag) => ({ id: uuidv7(), userId, tag }),
    );
    if (quals.length) await tx.insert(s.userQualifications).values(quals);
    if (expertise.length) await tx.insert(s.userExpertise).values(expertise);
    if (interests.length) await tx.insert(s.userInterests).values(interests);

    await tx.insert(s.categories).values(
      w.demoCategories.map((c) => ({
        id: need(categoryId, c.slug),
        name: c.name,
        slug: c.slug,
        displayOrder: c.displayOrder,
      })),
    );

    const completedOrActive = (slug: string) =>
      w.demoEnrollments.filter((e) => e.course === slug && e.status !== "cancelled").length;
    await tx.insert(s.courses).values(
      w.demoCourses.map((c, i) => ({
        id: cid(c.slug),
        creatorId: uid(c.creator),
        title: c.title,
        slug: c.slug,
        tagline: c.tagline ?? null,
        description: c.description,
        duration: c.duration,
        durationWeeks: c.durationWeeks ?? null,
        totalDuration: c.totalDuration ?? null,
        sessionCount: c.sessionCount ?? null,
        moduleCount: c.modules.length,
        lessonCount:
          c.modules.reduce((n, m) => n + (m.videoCount ?? 0) + (m.readingCount ?? 0), 0) || null,
        format: c.format ?? null,
        level: c.level,
        priceCents: c.priceCents,
        currency: c.currency,
        categoryId: need(categoryId, c.category),
        // rating / rating_count: recomputed from the demo's rating rows (seedTeaching).
        studentCount: completedOrActive(c.slug),
        badge: c.badge ?? null,
        hasCertificate: c.hasCertificate,
        certificateName: c.certificateName ?? null,
        isActive: c.isActive,
        isRetired: c.isRetired ?? false,
        createdAt: ago(300 - i * 15),
      })),
    );
    await insertCourseContent(tx as unknown as Db, cid, (slug) => need(moduleIds, slug));

    await tx.insert(s.studentTeachers).values(
      w.demoStudentTeachers.map((st) => ({
        id: uuidv7(),
        userId: uid(st.user),
        courseId: cid(st.course),
        certifiedDate: st.certifiedDate,
        studentsTaught: w.demoEnrollments.filter(
          (e) => e.teacher === st.user && e.course === st.course && e.status === "completed",
        ).length,
        isActive: st.isActive,
        approvedBy: uid(st.approvedBy),
      })),
    );

    const enrollmentRows = w.demoEnrollments.map((e) => {
      const enrolledAt = ago(e.enrolledDaysAgo);
      const mods = need(moduleIds, e.course);
      const perModuleDays = Math.max(
        1,
        Math.floor(e.enrolledDaysAgo / Math.max(1, mods.length + 1)),
      );
      return {
        row: {
          id: uuidv7(),
          studentId: uid(e.student),
          courseId: cid(e.course),
          studentTeacherId: e.teacher ? uid(e.teacher) : null,
          status: e.status,
          enrolledAt,
          completedAt:
            e.status === "completed"
              ? ago(Math.max(0, e.enrolledDaysAgo - perModuleDays * mods.length))
              : null,
          cancelledAt: e.status === "cancelled" ? ago(Math.max(0, e.enrolledDaysAgo - 3)) : null,
          cancelReason: e.cancelReason ?? null,
        },
        progress: mods.slice(0, e.completedModules).map((moduleId, i) => ({
          moduleId,
          completedAt: ago(Math.max(0, e.enrolledDaysAgo - perModuleDays * (i + 1))),
        })),
      };
    });
    await tx.insert(s.enrollments).values(enrollmentRows.map((e) => e.row));
    const progress = enrollmentRows.flatMap((e) =>
      e.progress.map((p) => ({
        // The id every device derives for this (enrollment, module), offline or not.
        id: progressId(e.row.id, p.moduleId),
        enrollmentId: e.row.id,
        moduleId: p.moduleId,
        isComplete: true,
        completedAt: p.completedAt,
      })),
    );
    if (progress.length) await tx.insert(s.moduleProgress).values(progress);

    // Anyone who bought from a creator follows their instructor feed (CD-024).
    const firstPurchase = new Map<string, { instructorId: string; followerId: string; at: Date }>();
    for (const e of enrollmentRows) {
      const course = w.demoCourses.find((c) => cid(c.slug) === e.row.courseId);
      if (!course) continue;
      const key = `${course.creator}:${e.row.studentId}`;
      const prev = firstPurchase.get(key);
      if (!prev || e.row.enrolledAt < prev.at) {
        firstPurchase.set(key, {
          instructorId: uid(course.creator),
          followerId: e.row.studentId,
          at: e.row.enrolledAt,
        });
      }
    }
    await tx.insert(s.instructorFollowers).values(
      [...firstPurchase.values()].map((f) => ({
        id: uuidv7(),
        instructorId: f.instructorId,
        followerId: f.followerId,
        firstEnrollmentAt: f.at,
      })),
    );

    await tx.insert(s.follows).values(
      w.demoFollows.map((f) => ({
        id: uuidv7(),
        followerId: uid(f.follower),
        followedId: uid(f.followed),
      })),
    );
    await tx.insert(s.courseFollows).values(
      w.demoCourseFollows.map((f) => ({
        id: uuidv7(),
        userId: uid(f.user),
        courseId: cid(f.course),
      })),
    );

    for (const conv of w.demoConversations) {
      const at = (m: number) => new Date(now - m * 60_000);
      // Direct conversations get the id both people's devices would derive offline.
      const [a, b] = conv.participants;
      const conversationId =
        conv.participants.length === 2 && a && b ? directConversationId(uid(a), uid(b)) : uuidv7();
      const first = conv.messages[0]?.minutesAgo ?? 0;
      const last = conv.messages.at(-1)?.minutesAgo ?? 0;
      await tx
        .insert(s.conversations)
        .values({ id: conversationId, createdAt: at(first), updatedAt: at(last) });
      await tx.insert(s.conversationParticipants).values(
        conv.participants.map((p) => {
          const own = conv.messages.filter((m) => m.from === p).at(-1);
          return {
            id: uuidv7(),
            conversationId,
            userId: uid(p),
            joinedAt: at(first),
            lastReadAt: own ? at(own.minutesAgo) : null,
          };
        }),
      );
      await tx.insert(s.messages).values(
        conv.messages.map((m) => ({
          id: uuidv7(),
          conversationId,
          senderId: uid(m.from),
          content: m.text,
          createdAt: at(m.minutesAgo),
        })),
      );
    }

    await tx.insert(s.goodwillRewards).values(w.demoRewards.map((r) => ({ id: uuidv7(), ...r })));
    await seedTeaching(
      tx as unknown as Db,
      config,
      enrollmentRows.map((e) => e.row),
      now,
    );
    await seedDemoCredentials(tx as unknown as Db, config);
    await seedDemoMoney(tx as unknown as Db, now);
  });

  return {
    created: true,
    users: w.demoUsers.length,
    courses: w.demoCourses.length,
    enrollments: w.demoEnrollments.length,
  };
}

/** Everything a course page shows besides the course row itself. */
async function insertCourseContent(
  tx: Db,
  cid: (slug: string) => string,
  moduleIds: (slug: string) => string[],
) {
  const rows = <T>(make: (c: w.DemoCourse, courseId: string) => T[]) =>
    w.demoCourses.flatMap((c) => make(c, cid(c.slug)));
  const list = (items: string[] | undefined) => (items?.length ? JSON.stringify(items) : null);

  await tx.insert(s.courseObjectives).values(
    rows((c, courseId) =>
      c.objectives.map((objective, i) => ({
        id: uuidv7(),
        courseId,
        objective,
        displayOrder: i,
      })),
    ),
  );
  await tx
    .insert(s.courseIncludes)
    .values(
      rows((c, courseId) =>
        c.includes.map((item, i) => ({ id: uuidv7(), courseId, item, displayOrder: i })),
      ),
    );
  await tx.insert(s.coursePrerequisites).values(
    rows((c, courseId) => [
      ...c.prerequisites.required.map((content, i) => ({
        id: uuidv7(),
        courseId,
        type: "required" as const,
        content,
        displayOrder: i,
      })),
      ...c.prerequisites.niceToHave.map((content, i) => ({
        id: uuidv7(),
        courseId,
        type: "nice_to_have" as const,
        content,
        displayOrder: i,
      })),
      ...c.prerequisites.notRequired.map((content, i) => ({
        id: uuidv7(),
        courseId,
        type: "not_required" as const,
        content,
        displayOrder: i,
      })),
    ]),
  );
  await tx.insert(s.courseTargetAudience).values(
    rows((c, courseId) =>
      c.targetAudience.map((description, i) => ({
        id: uuidv7(),
        courseId,
        description,
        displayOrder: i,
      })),
    ),
  );
  const testimonials = rows((c, courseId) =>
    c.testimonials.map((t) => ({
      id: uuidv7(),
      courseId,
      quote: t.quote,
      studentName: t.studentName,
      studentRole: t.studentRole ?? null,
      isFeatured: t.isFeatured,
    })),
  );
  if (testimonials.length) await tx.insert(s.courseTestimonials).values(testimonials);
  await tx
    .insert(s.courseTags)
    .values(rows((c, courseId) => c.tags.map((tag) => ({ id: uuidv7(), courseId, tag }))));
  await tx.insert(s.courseCurriculum).values(
    rows((c, courseId) =>
      c.modules.map((m, i) => ({
        id: moduleIds(c.slug)[i] ?? uuidv7(),
        courseId,
        sessionNumber: m.sessionNumber ?? null,
        title: m.title,
        description: m.description,
        duration: m.duration,
        learningObjectives: list(m.learningObjectives),
        topicsCovered: list(m.topicsCovered),
        handsOnExercise: m.handsOnExercise ?? null,
        videoCount: m.videoCount ?? null,
        readingCount: m.readingCount ?? null,
        hasAssessment: m.hasAssessment ?? false,
        moduleOrder: m.order,
        videoUrl: m.videoUrl ?? null,
        documentUrl: m.documentUrl ?? null,
      })),
    ),
  );
  await tx.insert(s.peerloopFeatures).values(
    rows((c, courseId) => [
      {
        courseId,
        oneOnOneTeaching: true,
        certifiedTeachers: true,
        earnWhileTeaching: true,
        teacherCommission: c.teacherCommission,
      },
    ]),
  );
}
