/** 1-on-1 sessions (server-decided) and teachers' availability (edited offline). */
import { z } from "zod";
import { SESSION_STATUSES } from "../../domain/enums";
import { defineCollection } from "../collection";
import { ISO_TIME_MAX, id, isoDate, isoTime, text } from "../fields";

/** A booked session with the mutual assessments given after it. */
export const sessions = defineCollection({
  name: "sessions",
  version: 0,
  schema: z.object({
    id: id(),
    enrollmentId: id(),
    teacherId: id(),
    studentId: id(),
    scheduledStart: isoTime(),
    scheduledEnd: isoTime(),
    status: z.enum(SESSION_STATUSES),
    bbbMeetingUrl: text(2000).nullable(),
    recordingUrl: text(2000).nullable(),
    cancelledBy: id().nullable(),
    cancelReason: text(2000).nullable(),
    createdAt: isoTime(),
    assessments: z.array(
      z.object({
        id: id(),
        assessorId: id(),
        assesseeId: id(),
        rating: z.number().int().min(1).max(5),
        comment: text(5000).nullable(),
        createdAt: isoTime(),
      }),
    ),
  }),
  indexes: [["scheduledStart"]],
  indexedMaxLength: { scheduledStart: ISO_TIME_MAX },
  scopeKinds: ["user"],
  write: "server",
  conflict: "server-wins",
});

const HH_MM_SS = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/** A teacher's slot, in the teacher's own time zone: weekly, or once on `specificDate`. */
export const availability = defineCollection({
  name: "availability",
  version: 0,
  schema: z.object({
    id: id(),
    userId: id(),
    dayOfWeek: z.number().int().min(0).max(6),
    startTime: z.string().regex(HH_MM_SS),
    endTime: z.string().regex(HH_MM_SS),
    timezone: text(64).min(1),
    isRecurring: z.boolean(),
    specificDate: isoDate().nullable(),
  }),
  indexes: [["userId"]],
  scopeKinds: ["availability"],
  write: {
    create: true,
    update: true,
    delete: true,
    editable: ["dayOfWeek", "startTime", "endTime", "timezone", "isRecurring", "specificDate"],
  },
  conflict: "server-wins",
});
