/**
 * Scheduling API: open times, cancel, reschedule, start, complete, join. Booking and rating
 * are done from the device through the `sessionRequests` collection (also offline); cancel
 * and reschedule are here too for online use. Every route checks that the caller takes
 * part in the session; others get 404, as if it did not exist.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { DEFAULT_SESSION_MINUTES } from "../../shared/scheduling/open-times";
import { DECLINE_REASONS, SESSION_MAX_MS, SESSION_MIN_MS } from "../../shared/scheduling/policy";
import { isValidTimeZone, MINUTE_MS } from "../../shared/scheduling/time-zones";
import { isoDate, isoTime } from "../../shared/sync/fields";
import { scope } from "../../shared/sync/scopes";
import { requireUser } from "../auth/middleware";
import type { Db } from "../db/database";
import { sessions, users } from "../db/schema";
import type { ApiRouter } from "../http/api-router";
import { ApiError } from "../http/errors";
import { loadUserScopes } from "../sync/rights";
import { completeSession, type LifecycleResult, startSession } from "./complete";
import type { Outcome } from "./decide";
import { teacherOpenTimes } from "./open-times";
import { submitRequest } from "./requests";
import { bbbCreateUrl, bbbJoinUrl, bbbServer } from "./video";

const TAG = "Sessions";
const uuid = z.uuid();
const day = isoDate();

const localInterval = z.object({
  start: z.string(),
  end: z.string(),
  localStart: z.object({ date: z.string(), time: z.string() }),
  localEnd: z.object({ date: z.string(), time: z.string() }),
});
const outcomeSchema = z.object({
  status: z.enum(["confirmed", "declined"]),
  sessionId: z.string().nullable(),
  requestId: z.string(),
});
const sessionSchema = z.object({ id: z.string(), status: z.string() });

function idParam(raw: string | undefined): string {
  const parsed = uuid.safeParse(raw);
  if (!parsed.success) throw new ApiError(404, "not_found", "No such session.");
  return parsed.data;
}

/** A declined request is a 409 with the reason code in `details.reason`. */
function answer(o: Outcome & { requestId: string }) {
  if (o.status === "declined")
    throw new ApiError(409, "request_declined", DECLINE_REASONS[o.code], { reason: o.code });
  return { status: o.status, sessionId: o.sessionId ?? null, requestId: o.requestId };
}

function lifecycle(r: LifecycleResult) {
  if (r.ok) return { id: r.session.id, status: r.session.status };
  if (r.code === "not_found") throw new ApiError(404, "not_found", "No such session.");
  throw new ApiError(
    409,
    "session_not_completable",
    r.code === "not_started"
      ? "This session has not started yet."
      : r.code === "enrollment_cancelled"
        ? "This session's enrollment was cancelled."
        : r.code === "not_teacher"
          ? "This learner was moved to another teacher."
          : "This session is not scheduled or in progress.",
  );
}

async function participantSession(db: Db, sessionId: string, userId: string) {
  const [s] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  if (!s || (s.studentId !== userId && s.teacherId !== userId))
    throw new ApiError(404, "not_found", "No such session.");
  return s;
}

export function registerSchedulingRoutes(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/api/teachers/:id/open-times",
      tag: TAG,
      summary: "A teacher's open times for dates in the caller's time zone",
      auth: "user",
      query: z
        .object({
          from: day,
          to: day,
          tz: z.string().refine(isValidTimeZone, "unknown time zone"),
          minutes: z.coerce
            .number()
            .int()
            .min(SESSION_MIN_MS / MINUTE_MS)
            .max(SESSION_MAX_MS / MINUTE_MS)
            .default(DEFAULT_SESSION_MINUTES),
        })
        .refine((q) => q.from <= q.to, "from must not be after to")
        .refine(
          (q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000,
          "at most 62 days at once",
        ),
      responses: {
        200: {
          description: "Open windows and bookable start times",
          schema: z.object({
            timeZone: z.string(),
            windows: z.array(localInterval),
            starts: z.array(localInterval),
          }),
        },
        404: { description: "Not a teacher you can book" },
      },
    },
    async (c, { query }) => {
      const user = requireUser(c);
      const { db } = c.get("deps");
      const teacherId = uuid.safeParse(c.req.param("id"));
      // Same rule as the availability that syncs to the learner's device.
      if (
        !teacherId.success ||
        !(await loadUserScopes(db, user.id)).has(scope("availability", teacherId.data))
      )
        throw new ApiError(404, "not_found", "No such teacher.");
      return c.json(
        await teacherOpenTimes(db, {
          teacherId: teacherId.data,
          from: query.from,
          to: query.to,
          timeZone: query.tz,
          minutes: query.minutes,
          now: new Date(),
        }),
      );
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/sessions/:id/cancel",
      tag: TAG,
      summary: "Cancel a session (free until SESSION_FREE_CANCEL_HOURS before the start)",
      auth: "user",
      body: z.object({ reason: z.string().max(2000).optional() }),
      responses: {
        200: { description: "Cancelled", schema: outcomeSchema },
        409: { description: "request_declined (details.reason)" },
      },
    },
    async (c, { body }) => {
      const user = requireUser(c);
      const { db, config } = c.get("deps");
      const id = idParam(c.req.param("id"));
      await participantSession(db, id, user.id);
      const o = await submitRequest(db, config, user.id, {
        kind: "cancel",
        targetSessionId: id,
        reason: body.reason ?? null,
      });
      return c.json(answer(o));
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/sessions/:id/reschedule",
      tag: TAG,
      summary: "Move a session to a new time (the same decision as a booking)",
      auth: "user",
      body: z.object({
        start: isoTime(),
        end: isoTime(),
        reason: z.string().max(2000).optional(),
      }),
      responses: {
        200: { description: "Moved: the new session", schema: outcomeSchema },
        409: { description: "request_declined (details.reason)" },
      },
    },
    async (c, { body }) => {
      const user = requireUser(c);
      const { db, config } = c.get("deps");
      const id = idParam(c.req.param("id"));
      await participantSession(db, id, user.id);
      const o = await submitRequest(db, config, user.id, {
        kind: "reschedule",
        targetSessionId: id,
        start: new Date(body.start),
        end: new Date(body.end),
        reason: body.reason ?? null,
      });
      return c.json(answer(o));
    },
  );

  const lifecycleRoute = (
    action: "start" | "complete",
    summary: string,
    body: z.ZodObject,
    run: typeof completeSession,
  ) =>
    api.route(
      {
        method: "post",
        path: `/api/sessions/:id/${action}`,
        tag: TAG,
        summary,
        auth: "user",
        body,
        responses: {
          200: { description: "The session", schema: sessionSchema },
          409: { description: "session_not_completable" },
        },
      },
      async (c, input) => {
        const user = requireUser(c);
        const { db } = c.get("deps");
        const id = idParam(c.req.param("id"));
        const recordingUrl = (input.body as { recordingUrl?: string }).recordingUrl ?? null;
        const result = await db.transaction((tx) =>
          run(tx as unknown as Db, {
            sessionId: id,
            teacherId: user.id,
            recordingUrl,
            now: new Date(),
          }),
        );
        return c.json(lifecycle(result));
      },
    );
  lifecycleRoute("start", "The teacher opens the session (in progress)", z.object({}), (tx, i) =>
    startSession(tx, i),
  );
  lifecycleRoute(
    "complete",
    "The teacher marks the session completed, optionally with a recording link",
    z.object({
      recordingUrl: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .optional(),
    }),
    completeSession,
  );

  api.route(
    {
      method: "get",
      path: "/api/sessions/:id/join",
      tag: TAG,
      summary: "The caller's own video link (BBB moderator/viewer, or the Jitsi room)",
      auth: "user",
      query: z.object({ redirect: z.enum(["true", "false"]).optional() }),
      responses: {
        200: {
          description: "The join link",
          schema: z.object({ url: z.string(), role: z.enum(["moderator", "viewer"]) }),
        },
        302: { description: "With redirect=true: to the room" },
        409: { description: "request_declined: the session was cancelled or is over" },
        503: { description: "video_unavailable: the BBB server did not answer" },
      },
    },
    async (c, { query }) => {
      const user = requireUser(c);
      const { db, config } = c.get("deps");
      const s = await participantSession(db, idParam(c.req.param("id")), user.id);
      if (s.status === "cancelled" || s.status === "completed")
        throw new ApiError(409, "request_declined", "This session is over or cancelled.", {
          reason: "not_cancellable",
        });
      const role = s.teacherId === user.id ? "moderator" : "viewer";
      const bbb = bbbServer(config);
      let url = s.bbbMeetingUrl ?? "";
      if (bbb) {
        const [me] = await db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
        await ensureBbbRoom(bbbCreateUrl(bbb, s.id, "PeerLoop session"));
        url = bbbJoinUrl(bbb, s.id, me?.name ?? "PeerLoop user", role);
      }
      if (query.redirect === "true") return c.redirect(url, 302);
      return c.json({ url, role });
    },
  );
}

/** BBB `create` is idempotent: calling it before each join makes sure the room exists. */
async function ensureBbbRoom(createUrl: string) {
  const res = await fetch(createUrl, { signal: AbortSignal.timeout(5000) }).catch(() => null);
  const text = res ? await res.text() : "";
  if (!res?.ok || !text.includes("<returncode>SUCCESS</returncode>"))
    throw new ApiError(503, "video_unavailable", "The video server did not answer. Try again.");
}
