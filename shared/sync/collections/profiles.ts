/**
 * Profile cards of oneself and of the people one deals with. The same document for every
 * reader who may see it; certificates and teaching credentials travel inside it
 * (server-owned fields), so a learner holds their certificates offline.
 */
import { z } from "zod";
import { CERTIFICATE_TYPES, USER_ROLES } from "../../domain/enums";
import { defineCollection } from "../collection";
import { id, isoDate, isoTime, text } from "../fields";

export const profiles = defineCollection({
  name: "profiles",
  version: 0,
  schema: z.object({
    id: id(),
    name: text(100).min(1),
    handle: text(30),
    avatarUrl: text(2000).nullable(),
    title: text(200).nullable(),
    bioShort: text(160).nullable(),
    bio: text(10_000).nullable(),
    website: text(2000).nullable(),
    teachingPhilosophy: text(10_000).nullable(),
    timezone: text(64),
    privacyPublic: z.boolean(),
    role: z.enum(USER_ROLES),
    isCreator: z.boolean(),
    isStudentTeacher: z.boolean(),
    qualifications: z.array(text(1000)).max(50),
    expertise: z.array(text(100)).max(50),
    interests: z.array(text(100)).max(50),
    teaching: z.array(
      z.object({ courseId: id(), certifiedDate: isoDate(), isActive: z.boolean() }),
    ),
    certificates: z.array(
      z.object({
        id: id(),
        courseId: id(),
        type: z.enum(CERTIFICATE_TYPES),
        issuedAt: isoTime(),
        revokedAt: isoTime().nullable(),
      }),
    ),
    updatedAt: isoTime(),
  }),
  indexes: [],
  scopeKinds: ["profile"],
  write: {
    create: false,
    update: true,
    delete: false,
    editable: [
      "name",
      "avatarUrl",
      "title",
      "bioShort",
      "bio",
      "website",
      "teachingPhilosophy",
      "timezone",
      "privacyPublic",
      "qualifications",
      "expertise",
      "interests",
    ],
  },
  conflict: "server-wins",
});
