/**
 * The Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential, data model 2.0)
 * a certificate is published as. Pure: the caller supplies the facts and signs the result.
 */
import type { CertificateType } from "../../shared/domain/enums";

export const CREDENTIAL_CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
] as const;

export interface CredentialFacts {
  certificateId: string;
  type: CertificateType;
  issuedAt: Date;
  publicUrl: string;
  issuerDid: string;
  learner: { id: string; name: string };
  course: {
    slug: string;
    title: string;
    certificateName: string | null;
    creator: { id: string; name: string };
  };
}

export const verifyUrl = (publicUrl: string, certificateId: string) =>
  `${publicUrl}/verify/${certificateId}`;

/** Seconds precision: what people read on the page and what `validFrom` examples use. */
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function achievementText(
  type: CertificateType,
  course: CredentialFacts["course"],
): { name: string; description: string; criteria: string } {
  switch (type) {
    case "completion":
      return {
        name: `${course.certificateName ?? "Certificate of Completion"}: ${course.title}`,
        description: `Completed every module of the PeerLoop course "${course.title}".`,
        criteria: "Every module of the course marked complete; issued by the course's creator.",
      };
    case "mastery":
      return {
        name: `Certificate of Mastery: ${course.title}`,
        description: `Demonstrated mastery of "${course.title}" beyond completing it.`,
        criteria:
          "A certificate of completion first, then a recommendation by the learner's " +
          "Student-Teacher (unless the creator taught them), and the creator's decision.",
      };
    case "teaching":
      return {
        name: `Certified Student-Teacher: ${course.title}`,
        description: `Certified by the course's creator to teach "${course.title}" 1-on-1 on PeerLoop.`,
        criteria: "Completed the course, applied to teach it, and was approved by its creator.",
      };
  }
}

export function buildCredential(f: CredentialFacts): Record<string, unknown> {
  const text = achievementText(f.type, f.course);
  return {
    "@context": [...CREDENTIAL_CONTEXT],
    id: verifyUrl(f.publicUrl, f.certificateId),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: text.name,
    issuer: { id: f.issuerDid, type: ["Profile"], name: "PeerLoop", url: f.publicUrl },
    validFrom: isoSeconds(f.issuedAt),
    credentialSubject: {
      id: `urn:uuid:${f.learner.id}`,
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityHash: f.learner.name,
          identityType: "name",
          hashed: false,
        },
      ],
      achievement: {
        id: `${f.publicUrl}/courses/${f.course.slug}#${f.type}`,
        type: ["Achievement"],
        achievementType: f.type === "teaching" ? "License" : "Certificate",
        name: text.name,
        description: text.description,
        criteria: { narrative: text.criteria },
        creator: {
          id: `${f.publicUrl}/people/${f.course.creator.id}`,
          type: ["Profile"],
          name: f.course.creator.name,
        },
      },
    },
  };
}
