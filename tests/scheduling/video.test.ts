/**
 * Video links. BigBlueButton URLs carry checksum = sha1(callName + query + secret) — checked
 * against the vector in BBB's API documentation — and each participant gets their own join
 * URL (moderator: the teacher, viewer: the learner), computed when asked, against a real
 * HTTP server playing BBB. Without BBB: a Jitsi room nobody can guess.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../sync-server/db/schema";
import { bbbChecksum, bbbQuery, jitsiRoomUrl } from "../../sync-server/scheduling/video";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { bookSession, hoursAhead, makeWorld, type World } from "./world";

const SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";

describe("BigBlueButton checksum", () => {
  it("matches the API documentation's example", () => {
    const query = bbbQuery([
      ["name", "Test Meeting"],
      ["meetingID", "abc123"],
      ["attendeePW", "111222"],
      ["moderatorPW", "333444"],
    ]);
    expect(query).toBe("name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444");
    expect(bbbChecksum("create", query, SECRET)).toBe("1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17");
    expect(bbbChecksum("create", query, SECRET, "sha256")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("Jitsi rooms are unguessable", () => {
    const a = jitsiRoomUrl();
    expect(a).toMatch(/^https:\/\/meet\.jit\.si\/PeerLoop-[0-9a-f]{32}$/);
    expect(jitsiRoomUrl()).not.toBe(a);
  });
});

/** A stand-in BBB server: answers `create` only when the checksum is right. */
function fakeBbb(secret: string) {
  const created: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://bbb");
    const call = url.pathname.split("/").pop() ?? "";
    const query = url.search.slice(1).replace(/&checksum=[0-9a-f]+$/, "");
    const ok = url.searchParams.get("checksum") === bbbChecksum(call, query, secret);
    if (ok && call === "create") created.push(url.searchParams);
    res.writeHead(200, { "content-type": "text/xml" });
    res.end(`<response><returncode>${ok ? "SUCCESS" : "FAILED"}</returncode></response>`);
  });
  return { server, created };
}

describe.each(databaseKinds())("join links (%s)", (kind) => {
  const bbb = fakeBbb(SECRET);
  let t: TestApp;
  let jitsi: TestApp;
  let w: World;
  let sessionId = "";

  beforeAll(async () => {
    await new Promise<void>((r) => bbb.server.listen(0, "127.0.0.1", r));
    const port = (bbb.server.address() as AddressInfo).port;
    t = await createTestApp(kind, {
      BBB_URL: `http://127.0.0.1:${port}/bigbluebutton/api`,
      BBB_SECRET: SECRET,
    });
    w = await makeWorld(t, { learners: 2, sessionCount: 2 });
    const [l] = w.learners;
    if (!l) throw new Error("learner");
    const start = hoursAhead(30);
    sessionId = await bookSession(t, w, l, start);
  });
  afterAll(async () => {
    await t?.close();
    await jitsi?.close();
    await new Promise((r) => bbb.server.close(r));
  });

  it("stores no secret: the session links to PeerLoop's own join page", async () => {
    const [s] = await t.deps.db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(s?.bbbMeetingUrl).toBe(
      `http://peerloop.test/api/sessions/${sessionId}/join?redirect=true`,
    );
  });

  it("the teacher joins as moderator, the learner as viewer, signed, after create", async () => {
    const [l] = w.learners;
    if (!l) throw new Error("learner");
    const asTeacher = await t.call("GET", `/api/sessions/${sessionId}/join`, {
      token: w.teacher.token,
    });
    const asLearner = await t.call("GET", `/api/sessions/${sessionId}/join`, { token: l.token });
    expect([asTeacher.status, asTeacher.body.role]).toEqual([200, "moderator"]);
    expect([asLearner.status, asLearner.body.role]).toEqual([200, "viewer"]);
    const create = bbb.created.at(-1);
    expect(create?.get("meetingID")).toBe(sessionId);
    for (const [answer, pw] of [
      [asTeacher, create?.get("moderatorPW")],
      [asLearner, create?.get("attendeePW")],
    ] as const) {
      const url = new URL(answer.body.url);
      expect(url.pathname).toMatch(/\/bigbluebutton\/api\/join$/);
      expect(url.searchParams.get("meetingID")).toBe(sessionId);
      expect(url.searchParams.get("password")).toBe(pw);
      const query = url.search.slice(1).replace(/&checksum=[0-9a-f]+$/, "");
      expect(url.searchParams.get("checksum")).toBe(bbbChecksum("join", query, SECRET));
      expect(answer.body.url).not.toContain(SECRET);
    }
    expect(create?.get("moderatorPW")).not.toBe(create?.get("attendeePW"));
    const redirect = await t.call("GET", `/api/sessions/${sessionId}/join?redirect=true`, {
      token: l.token,
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toContain("/join?");
  });

  it("only participants get a link", async () => {
    const stranger = w.learners[1];
    if (!stranger) throw new Error("learner");
    const res = await t.call("GET", `/api/sessions/${sessionId}/join`, { token: stranger.token });
    expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
    expect((await t.call("GET", `/api/sessions/${sessionId}/join`)).status).toBe(401);
  });

  it("a wrong secret on the BBB side is a clear 503, not a 500", async () => {
    const port = (bbb.server.address() as AddressInfo).port;
    const wrong = await createTestApp(kind, {
      BBB_URL: `http://127.0.0.1:${port}/bigbluebutton/api`,
      BBB_SECRET: "not-the-right-secret",
    });
    try {
      const w2 = await makeWorld(wrong, { learners: 1, sessionCount: 1 });
      const [l] = w2.learners;
      if (!l) throw new Error("learner");
      const start = hoursAhead(30);
      const sessionId = await bookSession(wrong, w2, l, start);
      const res = await wrong.call("GET", `/api/sessions/${sessionId}/join`, { token: l.token });
      expect([res.status, res.body.error.code]).toEqual([503, "video_unavailable"]);
    } finally {
      await wrong.close();
    }
  });

  it("without BBB configured, both get the session's Jitsi room", async () => {
    jitsi = await createTestApp(kind);
    const w3 = await makeWorld(jitsi, { learners: 1, sessionCount: 1 });
    const [l] = w3.learners;
    if (!l) throw new Error("learner");
    const start = hoursAhead(30);
    const sessionId = await bookSession(jitsi, w3, l, start);
    const a = await jitsi.call("GET", `/api/sessions/${sessionId}/join`, { token: l.token });
    const b = await jitsi.call("GET", `/api/sessions/${sessionId}/join`, {
      token: w3.teacher.token,
    });
    expect(a.body.url).toMatch(/^https:\/\/meet\.jit\.si\/PeerLoop-[0-9a-f]{32}$/);
    expect(b.body.url).toBe(a.body.url);
  });
});
