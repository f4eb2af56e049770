/**
 * Issuing a certificate: the rules (rules.ts), then the signed Open Badges credential on
 * the row, a notification to the learner and, for completion, the enrollment completed and
 * its escrow released — all in the caller's transaction, so a
 * certificate never exists without its credential. Authorization (who may ask) is the
 * caller's: the creator's API route, Student-Teacher approval, the demo seeder.
 */
import { eq } from "drizzle-orm";
import type { CertificateType } from "../../shared/domain/enums";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { uniqueViolation } from "../db/errors";
import { certificateRecommendations, certificates, enrollments, users } from "../db/schema";
import { ApiError } from "../http/errors";
import { releaseOnEnrollmentCompleted } from "../payments/escrow";
import { buildCredential, verifyUrl } from "./credential";
import { addProof } from "./data-integrity";
import { notify } from "./notify";
import { assertEligible, findCourse, liveEnrollment } from "./rules";
import { signingKey } from "./signing-key";

export type CertificateRecord = typeof certificates.$inferSelect;

export interface IssueInput {
  config: Pick<Config, "publicUrl" | "CERT_SIGNING_KEY">;
  userId: string;
  courseId: string;
  type: CertificateType;
  /** Who issues: the course's creator (for teaching: the approver). */
  issuedBy: string;
  /** Defaults to now; the demo world backdates. */
  issuedAt?: Date;
  /** Tell the learner (default). The demo world's history needs no fresh notifications. */
  notify?: boolean;
}

async function userName(tx: Db, id: string): Promise<string> {
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, id));
  if (!u) throw new ApiError(404, "not_found", "No such user.");
  return u.name;
}

export async function issueCertificate(tx: Db, input: IssueInput): Promise<CertificateRecord> {
  const course = await findCourse(tx, input.courseId);
  const learnerName = await userName(tx, input.userId);
  const recommendation = await assertEligible(tx, {
    userId: input.userId,
    course,
    type: input.type,
  });
  const key = await signingKey(tx, input.config);
  const id = uuidv7();
  const issuedAt = new Date(Math.floor((input.issuedAt ?? new Date()).getTime() / 1000) * 1000);
  const unsigned = buildCredential({
    certificateId: id,
    type: input.type,
    issuedAt,
    publicUrl: input.config.publicUrl,
    issuerDid: key.did,
    learner: { id: input.userId, name: learnerName },
    course: {
      slug: course.slug,
      title: course.title,
      certificateName: course.certificateName,
      creator: { id: course.creatorId, name: await userName(tx, course.creatorId) },
    },
  });
  const credential = addProof(unsigned, key.privateKey, key.verificationMethod, issuedAt);
  let row: CertificateRecord | undefined;
  try {
    [row] = await tx
      .insert(certificates)
      .values({
        id,
        userId: input.userId,
        courseId: course.id,
        type: input.type,
        issuedAt,
        issuedBy: input.issuedBy,
        recommendedBy: recommendation?.recommendedBy ?? null,
        certificateUrl: verifyUrl(input.config.publicUrl, id),
        credential,
      })
      .returning();
  } catch (err) {
    // A concurrent issuance won the race for the one live certificate.
    if (uniqueViolation(err) === "certificates_user_id_course_id_type_key") {
      throw new ApiError(409, "certificate_exists", "This certificate was just issued.");
    }
    throw err;
  }
  if (!row) throw new Error("certificate insert returned nothing");
  if (recommendation) {
    await tx
      .update(certificateRecommendations)
      .set({ certificateId: id })
      .where(eq(certificateRecommendations.id, recommendation.id));
  }
  if (input.type === "completion") await completeEnrollment(tx, input.userId, course.id, issuedAt);
  if (input.notify !== false) {
    await notify(tx, [
      {
        userId: input.userId,
        type: "certificate",
        title: "You earned a certificate",
        body: `${String(credential.name)} — signed by PeerLoop and verifiable online.`,
        actionUrl: "/certificates",
      },
    ]);
  }
  return row;
}

/**
 * The creator's completion certificate is the moment an enrollment completes: a server
 * decision (a device's checkmarks alone could be unchecked again), and the one that releases
 * whatever teaching share escrow still holds.
 */
async function completeEnrollment(tx: Db, userId: string, courseId: string, at: Date) {
  const enrollment = await liveEnrollment(tx, userId, courseId);
  if (!enrollment) return;
  if (enrollment.status !== "completed") {
    await tx
      .update(enrollments)
      .set({ status: "completed", completedAt: enrollment.completedAt ?? at, updatedAt: at })
      .where(eq(enrollments.id, enrollment.id));
  }
  await releaseOnEnrollmentCompleted(tx, enrollment.id);
}
