/**
 * Booking offline: the learner's device writes two booking requests with no network (one
 * for a free time, one for the same time again); they wait as pending. Back online, the
 * server decides each once and the device sees one confirmed — with its session — and one
 * declined with the reason.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBooking } from "../../client/app/scheduling/requests";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { DECLINE_REASONS } from "../../shared/scheduling/policy";
import { availability, sessionRequests } from "../../sync-server/db/schema";
import { sessionsUsed } from "../../sync-server/scheduling/facts";
import type { RunningServer } from "../../sync-server/server";
import { databaseKinds } from "../support/test-db";
import {
  type Device,
  freshStore,
  localDocs,
  login,
  openDevice,
  startTestServer,
  until,
} from "./harness";

describe.each(databaseKinds())("booking offline (%s)", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: RunningServer;
  let device: Device;

  beforeAll(async () => {
    store = await freshStore(kind);
    server = await startTestServer(store.where);
    const token = await login(server.url, "demo");
    device = await openDevice({ baseUrl: server.url, token, sync: { retryTime: 200 } });
    await device.sync.awaitInSync();
  });
  afterAll(async () => {
    await device?.close();
    await server?.close();
    await store?.drop();
  });

  it("requests made offline are decided when the device is back: one confirmed, one declined", async () => {
    const db = device.db;
    const me = [...(await localDocs(db, "profiles")).values()].find((p) => p.handle === "demo");
    const courses = await localDocs(db, "courses");
    let pick: { id: string; teacherId: string } | undefined;
    for (const e of (await localDocs(db, "enrollments")).values()) {
      if (
        e.studentId !== me?.id ||
        !e.studentTeacherId ||
        e.status === "cancelled" ||
        e.status === "completed"
      )
        continue;
      // A course without a session_count sets no limit.
      const count = Number(
        courses.get(String(e.courseId))?.sessionCount ?? Number.POSITIVE_INFINITY,
      );
      if ((await sessionsUsed(server.database.db, String(e.id))) < count) {
        pick = { id: String(e.id), teacherId: String(e.studentTeacherId) };
        break;
      }
    }
    if (!me || !pick) throw new Error("the demo learner has no enrollment with sessions left");
    // The teacher is open all week (in UTC) for this test.
    await server.database.db.insert(availability).values(
      [0, 1, 2, 3, 4, 5, 6].map((d) => ({
        id: uuidv7(),
        userId: pick.teacherId,
        dayOfWeek: d,
        startTime: "00:00:00",
        endTime: "23:59:59",
        timezone: "UTC",
      })),
    );

    // No network from here: every request the device tries fails like a dead connection.
    device.setOffline(true);
    const start = new Date(Math.ceil((Date.now() + 9 * 86_400_000) / 3_600_000) * 3_600_000);
    const wish = {
      teacherId: pick.teacherId,
      enrollmentId: pick.id,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
    };
    const first = await requestBooking(db, String(me.id), wish);
    const second = await requestBooking(db, String(me.id), wish);
    const pending = await localDocs(db, "sessionRequests");
    expect(pending.get(first)?.status).toBe("requested");
    expect(pending.get(second)?.status).toBe("requested");
    await until(() => device.sync.status.pendingChanges >= 2, 10_000, "both requests pending");
    const stored = await server.database.db
      .select()
      .from(sessionRequests)
      .where(eq(sessionRequests.id, first));
    expect(stored).toHaveLength(0); // nothing reached the server yet

    device.setOffline(false);
    await until(
      async () => {
        const docs = await localDocs(db, "sessionRequests");
        return docs.get(first)?.status !== "requested" && docs.get(second)?.status !== "requested";
      },
      20_000,
      "both requests to be decided on the device",
    );
    const decided = await localDocs(db, "sessionRequests");
    const a = decided.get(first);
    const b = decided.get(second);
    expect(a?.status).toBe("confirmed");
    expect(b).toMatchObject({
      status: "declined",
      declineCode: "slot_taken",
      declineMessage: DECLINE_REASONS.slot_taken,
    });
    // The confirmed session arrives on the device too, with its video link.
    await until(
      async () => (await localDocs(db, "sessions")).has(String(a?.sessionId)),
      10_000,
      "the booked session to reach the device",
    );
    const s = (await localDocs(db, "sessions")).get(String(a?.sessionId));
    expect(s).toMatchObject({
      status: "scheduled",
      scheduledStart: wish.start,
      teacherId: pick.teacherId,
    });
    expect(String(s?.bbbMeetingUrl)).toMatch(/^https:\/\/meet\.jit\.si\//);
  });
});
