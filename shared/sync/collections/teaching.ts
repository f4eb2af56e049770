/** 1-on-1 sessions (server-decided) and teachers' availability (edited offline). */
import { z } from "zod";
import { SESSION_STATUSES } from "../../domain/enums";
import { HOUR_MS } from "../../scheduling/time-zones";
import { defineCollection } from "../collection";
import { ISO_TIME_MAX, id, isoDate, isoTime, text } from "../fields";

/** SESSION_FREE_CANCEL_HOURS' default (sync-server/config.ts), for migrated documents only. */
const DEFAULT_FREE_CANCEL_HOURS = 12;

/** A booked session with the mutual assessments given after it. */
export const sessions = defineCollection({
  name: "sessions",
  // 1: countsAsUsed and freeCancelUntil (a device may count sessions left and show the
  // free-cancellation deadline offline).
  version: 1,
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
    /** A cancelled session that still counts against the course (a learner's late change). */
    countsAsUsed: z.boolean(),
    /**
     * Until when cancelling or moving is free (the start minus SESSION_FREE_CANCEL_HOURS,
     * computed by the server): the device shows it and warns the learner after it.
     */
    freeCancelUntil: isoTime(),
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
  migrations: {
    // Stand-ins until the device pulls the collection again from the start (it does so
    // after any version change, client/sync/pull-push.ts): what the device counted before
    // (cancelled = not used) and the default 12 hours.
    1: (old) => ({
      ...old,
      countsAsUsed: false,
      freeCancelUntil: new Date(
        Date.parse(String(old.scheduledStart)) - DEFAULT_FREE_CANCEL_HOURS * HOUR_MS,
      ).toISOString(),
    }),
  },
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
