/**
 * The people around a certificate: a learner's own Student-Teacher recommends, the
 * course's creator issues. These wrap the rules with those checks, for the API.
 */
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { RecommendationView } from "../../shared/api/credentials";
import type { CertificateType } from "../../shared/domain/enums";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { uniqueViolation } from "../db/errors";
import { certificateRecommendations, courses, users } from "../db/schema";
import { ApiError } from "../http/errors";
import { type IssueInput, issueCertificate } from "./issue";
import { notify } from "./notify";
import { findCourse, liveCertificate, liveEnrollment, openRecommendation } from "./rules";

type Who = { actorId: string; userId: string; courseId: string; type: CertificateType };

/** Only the learner's own Student-Teacher (on their live enrollment) may recommend. */
export async function recommendCertificate(db: Db, input: Who & { note?: string | undefined }) {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const course = await findCourse(tx, input.courseId);
    const enrollment = await liveEnrollment(tx, input.userId, course.id);
    if (!enrollment || enrollment.studentTeacherId !== input.actorId) {
      throw new ApiError(
        403,
        "forbidden",
        "Only the learner's own Student-Teacher may recommend them.",
      );
    }
    if (await liveCertificate(tx, input.userId, course.id, input.type)) {
      throw new ApiError(409, "certificate_exists", "The learner already holds this certificate.");
    }
    if (await openRecommendation(tx, input.userId, course.id, input.type)) {
      throw new ApiError(409, "already_recommended", "This learner is already recommended for it.");
    }
    const id = uuidv7();
    try {
      await tx.insert(certificateRecommendations).values({
        id,
        userId: input.userId,
        courseId: course.id,
        type: input.type,
        recommendedBy: input.actorId,
        note: input.note || null,
      });
    } catch (err) {
      if (uniqueViolation(err))
        throw new ApiError(409, "already_recommended", "Already recommended.");
      throw err;
    }
    await notify(tx, [
      {
        userId: course.creatorId,
        type: "certificate",
        title: "A certificate recommendation",
        body: `A Student-Teacher recommends a learner of "${course.title}" for a ${input.type} certificate.`,
        actionUrl: "/certificates",
      },
    ]);
    return { id };
  });
}

/** Only the course's creator issues completion and mastery certificates. */
export async function issueAsCreator(
  db: Db,
  input: Omit<Who, "type"> & { type: "completion" | "mastery"; config: IssueInput["config"] },
) {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const course = await findCourse(tx, input.courseId);
    if (course.creatorId !== input.actorId) {
      throw new ApiError(403, "forbidden", "Only the course's creator issues its certificates.");
    }
    return issueCertificate(tx, { ...input, issuedBy: input.actorId });
  });
}

/** Open recommendations on courses the user created (to issue) or made by the user. */
export async function listRecommendations(db: Db, userId: string): Promise<RecommendationView[]> {
  const learner = alias(users, "learner");
  const recommender = alias(users, "recommender");
  const mine = db.select({ id: courses.id }).from(courses).where(eq(courses.creatorId, userId));
  const rows = await db
    .select({
      r: certificateRecommendations,
      learnerName: learner.name,
      recommenderName: recommender.name,
      courseTitle: courses.title,
    })
    .from(certificateRecommendations)
    .innerJoin(courses, eq(courses.id, certificateRecommendations.courseId))
    .innerJoin(learner, eq(learner.id, certificateRecommendations.userId))
    .innerJoin(recommender, eq(recommender.id, certificateRecommendations.recommendedBy))
    .where(
      and(
        isNull(certificateRecommendations.certificateId),
        inArray(certificateRecommendations.courseId, mine),
      ),
    )
    .orderBy(desc(certificateRecommendations.createdAt));
  return rows.map(({ r, learnerName, recommenderName, courseTitle }) => ({
    id: r.id,
    userId: r.userId,
    learnerName,
    courseId: r.courseId,
    courseTitle,
    type: r.type,
    recommendedBy: r.recommendedBy,
    recommenderName,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
  }));
}
