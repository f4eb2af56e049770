/**
 * Private iCalendar feeds: `GET /calendar/<token>.ics` lists the user's sessions. The token
 * is 256 random bits shown once; only its SHA-256 is stored, and asking for a new one
 * (POST /api/calendar/token) makes the old URL stop working.
 *
 * A reschedule makes a new session and cancels the old one; in the feed the two are one
 * event — the UID of the first session of the chain, at the latest session's time — whose
 * SEQUENCE counts the revisions (each move, and a cancellation), so a subscribed calendar
 * moves or cancels the event it already has instead of keeping a stale copy.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { requireUser } from "../auth/middleware";
import type { Db } from "../db/database";
import {
  calendarFeeds,
  courses,
  enrollments,
  sessionRequests,
  sessions,
  users,
} from "../db/schema";
import type { ApiRouter } from "../http/api-router";
import { ApiError } from "../http/errors";
import { buildCalendar } from "./ics";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function regenerateFeedToken(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash: hash(token) })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { tokenHash: hash(token), createdAt: new Date() },
    });
  return token;
}

async function feedFor(db: Db, userId: string): Promise<string> {
  const teacher = alias(users, "teacher");
  const student = alias(users, "student");
  const rows = await db
    .select({
      s: sessions,
      course: courses.title,
      teacherName: teacher.name,
      studentName: student.name,
    })
    .from(sessions)
    .innerJoin(enrollments, eq(enrollments.id, sessions.enrollmentId))
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .innerJoin(teacher, eq(teacher.id, sessions.teacherId))
    .innerJoin(student, eq(student.id, sessions.studentId))
    .where(or(eq(sessions.teacherId, userId), eq(sessions.studentId, userId)))
    .orderBy(sql`${sessions.scheduledStart} DESC`)
    .limit(500);
  const moves = rows.length
    ? await db
        .select({ from: sessionRequests.targetSessionId, to: sessionRequests.sessionId })
        .from(sessionRequests)
        .where(
          and(
            eq(sessionRequests.kind, "reschedule"),
            eq(sessionRequests.status, "confirmed"),
            isNotNull(sessionRequests.sessionId),
            inArray(
              sessionRequests.sessionId,
              rows.map((r) => r.s.id),
            ),
          ),
        )
    : [];
  const chains = eventChains(
    rows.map((r) => r.s),
    moves,
  );
  return buildCalendar(
    "PeerLoop sessions",
    rows.flatMap((r) => {
      const chain = chains.get(r.s.id);
      if (!chain) return []; // moved: the later session carries the event
      const asTeacher = r.s.teacherId === userId;
      return {
        uid: `${chain.rootId}@peerloop`,
        sequence: chain.moves + (r.s.status === "cancelled" ? 1 : 0),
        stamp: r.s.updatedAt,
        start: r.s.scheduledStart,
        end: r.s.scheduledEnd,
        summary: `${r.course} with ${asTeacher ? r.studentName : r.teacherName}`,
        description: asTeacher ? "You teach this PeerLoop session." : "Your PeerLoop session.",
        url: r.s.bbbMeetingUrl,
        cancelled: r.s.status === "cancelled",
      };
    }),
  );
}

/**
 * For each session that was not moved on: the first session of its chain of reschedules and
 * how many moves led to it. Moved-away sessions are left out (they are the same event).
 */
export function eventChains(
  list: { id: string }[],
  moves: { from: string | null; to: string | null }[],
): Map<string, { rootId: string; moves: number }> {
  const previous = new Map<string, string>();
  const movedOn = new Set<string>();
  for (const m of moves) {
    if (!m.from || !m.to) continue;
    previous.set(m.to, m.from);
    movedOn.add(m.from);
  }
  const out = new Map<string, { rootId: string; moves: number }>();
  for (const { id } of list) {
    if (movedOn.has(id)) continue;
    let rootId = id;
    let n = 0;
    for (let p = previous.get(rootId); p && n < 1000; p = previous.get(rootId)) {
      rootId = p;
      n++;
    }
    out.set(id, { rootId, moves: n });
  }
  return out;
}

export function registerCalendarRoutes(api: ApiRouter) {
  api.route(
    {
      method: "post",
      path: "/api/calendar/token",
      tag: "Sessions",
      summary: "A new private calendar feed URL (the previous one stops working)",
      auth: "user",
      responses: { 200: { description: "The feed URL", schema: z.object({ url: z.string() }) } },
    },
    async (c) => {
      const user = requireUser(c);
      const { db, config } = c.get("deps");
      const token = await regenerateFeedToken(db, user.id);
      return c.json({ url: `${config.publicUrl}/calendar/${token}.ics` });
    },
  );

  api.route(
    {
      method: "get",
      path: "/calendar/:file",
      tag: "Sessions",
      summary: "A user's sessions as an iCalendar feed (the token in the URL is the key)",
      auth: "none",
      responses: {
        200: { description: "text/calendar" },
        404: { description: "Unknown or replaced token" },
      },
    },
    async (c) => {
      const { db } = c.get("deps");
      const token = (c.req.param("file") ?? "").replace(/\.ics$/, "");
      const [feed] = TOKEN.test(token)
        ? await db
            .select()
            .from(calendarFeeds)
            .where(eq(calendarFeeds.tokenHash, hash(token)))
        : [];
      if (!feed) throw new ApiError(404, "not_found", "No such calendar.");
      return c.body(await feedFor(db, feed.userId), 200, {
        "content-type": "text/calendar; charset=utf-8",
        "cache-control": "private, max-age=300",
      });
    },
  );
}
