/**
 * The private iCalendar feed: valid RFC 5545 (checked by a small parser here: CRLF, lines
 * of at most 75 octets, unfolding, required properties, UTC times), cancelled sessions
 * marked, nobody else's sessions in it, and a regenerated URL retires the old one. A moved
 * session stays one event (same UID) whose SEQUENCE rises with each move and the
 * cancellation, so calendar apps update the event they have.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../sync-server/db/schema";
import { foldLine, icsUtc } from "../../sync-server/scheduling/ics";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { bookSession, hoursAhead, type Learner, makeWorld, type World } from "./world";

type Component = { name: string; props: Map<string, string[]>; children: Component[] };

/** Unfolds and parses iCalendar text; throws on anything RFC 5545 does not allow here. */
function parseIcs(text: string): Component {
  if (!text.endsWith("\r\n")) throw new Error("must end with CRLF");
  const physical = text.slice(0, -2).split("\r\n");
  for (const l of physical) {
    if (l.includes("\n") || l.includes("\r")) throw new Error("bare LF or CR");
    if (Buffer.byteLength(l) > 75) throw new Error(`line over 75 octets: ${l}`);
  }
  const lines: string[] = [];
  for (const l of physical) {
    if (l.startsWith(" ")) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const root: Component = { name: "", props: new Map(), children: [] };
  const stack = [root];
  for (const l of lines) {
    const i = l.indexOf(":");
    if (i < 1) throw new Error(`not a content line: ${l}`);
    const name = l.slice(0, i).split(";")[0] ?? "";
    const value = l.slice(i + 1);
    const top = stack[stack.length - 1] as Component;
    if (name === "BEGIN") {
      const c: Component = { name: value, props: new Map(), children: [] };
      top.children.push(c);
      stack.push(c);
    } else if (name === "END") {
      if (top.name !== value) throw new Error(`END:${value} closes ${top.name}`);
      stack.pop();
    } else top.props.set(name, [...(top.props.get(name) ?? []), value]);
  }
  if (stack.length !== 1) throw new Error("unclosed component");
  const [cal] = root.children;
  if (cal?.name !== "VCALENDAR") throw new Error("no VCALENDAR");
  for (const p of ["VERSION", "PRODID"]) if (!cal.props.has(p)) throw new Error(`no ${p}`);
  return cal;
}

describe("line folding", () => {
  it("never splits a character and keeps every line within 75 octets", () => {
    const line = `SUMMARY:${"Prüfung über Zeitzonen — ".repeat(10)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n"))
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .map((p, i) => (i ? p.slice(1) : p))
        .join(""),
    ).toBe(line);
  });
});

describe.each(databaseKinds())("calendar feed (%s)", (kind) => {
  let t: TestApp;
  let w: World;
  const booked: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 2, sessionCount: 3 });
    // A long title with commas, semicolons and non-ASCII: escaping and folding are exercised.
    await t.deps.db
      .update(courses)
      .set({ title: "Zeitzonen, Sommerzeit; und Kalender — eine sehr lange Überschrift für Tests" })
      .where(eq(courses.id, w.courseId));
    for (const [l, h] of [
      [w.learners[0], 30],
      [w.learners[0], 60],
      [w.learners[1], 90],
    ] as [Learner, number][]) {
      const start = hoursAhead(h);
      booked.push(await bookSession(t, w, l, start));
    }
    await submitRequest(t.deps.db, t.deps.config, w.learners[0]?.id ?? "", {
      kind: "cancel",
      targetSessionId: booked[1] ?? "",
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const feedUrl = async (token: string) => {
    const res = await t.call("POST", "/api/calendar/token", { token });
    expect(res.status).toBe(200);
    return new URL(res.body.url).pathname;
  };

  it("lists the learner's sessions only, parseable, cancelled ones marked", async () => {
    const [l] = w.learners;
    if (!l) throw new Error("learner");
    const path = await feedUrl(l.token);
    expect(path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const cal = parseIcs(await res.text());
    const events = cal.children.filter((c) => c.name === "VEVENT");
    expect(events.map((e) => e.props.get("UID")?.[0]).sort()).toEqual(
      [`${booked[0]}@peerloop`, `${booked[1]}@peerloop`].sort(),
    );
    for (const e of events) {
      for (const p of ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"])
        expect(e.props.get(p), p).toHaveLength(1);
      expect(e.props.get("SEQUENCE")?.[0]).toMatch(/^\d+$/);
      expect(e.props.get("DTSTART")?.[0]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(e.props.get("SUMMARY")?.[0]).toContain("Zeitzonen\\, Sommerzeit\\; und Kalender");
    }
    const byUid = (id?: string) => events.find((e) => e.props.get("UID")?.[0] === `${id}@peerloop`);
    expect(byUid(booked[1])?.props.get("STATUS")).toEqual(["CANCELLED"]);
    expect(byUid(booked[1])?.props.get("SEQUENCE")).toEqual(["1"]); // revised once: cancelled
    expect(byUid(booked[0])?.props.get("STATUS")).toEqual(["CONFIRMED"]);
    expect(byUid(booked[0])?.props.get("SEQUENCE")).toEqual(["0"]);
    expect(byUid(booked[0])?.props.get("URL")?.[0]).toMatch(/^https:\/\/meet\.jit\.si\//);
  });

  it("the teacher's feed has all three; a new URL retires the old; bad tokens are 404", async () => {
    const old = await feedUrl(w.teacher.token);
    const fresh = await feedUrl(w.teacher.token);
    expect(fresh).not.toBe(old);
    expect((await t.app.request(old)).status).toBe(404);
    const cal = parseIcs(await (await t.app.request(fresh)).text());
    expect(cal.children.filter((c) => c.name === "VEVENT")).toHaveLength(3);
    for (const bad of [
      "/calendar/nope.ics",
      `/calendar/${"A".repeat(43)}.ics`,
      "/calendar/..%2F.ics",
    ]) {
      const res = await t.app.request(bad);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    expect((await t.call("POST", "/api/calendar/token")).status).toBe(401);
  });
  it("a moved session stays one event: same UID, new time, SEQUENCE up; then cancelled", async () => {
    const l = w.learners[1] as Learner;
    const path = await feedUrl(l.token);
    const event = async () => {
      const cal = parseIcs(await (await t.app.request(path)).text());
      const events = cal.children.filter((c) => c.name === "VEVENT");
      expect(events).toHaveLength(1); // moved-away sessions are not separate events
      const [e] = events;
      return {
        uid: e?.props.get("UID")?.[0],
        start: e?.props.get("DTSTART")?.[0],
        sequence: e?.props.get("SEQUENCE")?.[0],
        status: e?.props.get("STATUS")?.[0],
      };
    };
    const uid = `${booked[2]}@peerloop`;
    expect(await event()).toMatchObject({ uid, sequence: "0", status: "CONFIRMED" });
    let current = booked[2] ?? "";
    for (const [i, h] of [
      [1, 120],
      [2, 130],
    ] as const) {
      const start = hoursAhead(h);
      const res = await t.call("POST", `/api/sessions/${current}/reschedule`, {
        token: l.token,
        body: {
          start: start.toISOString(),
          end: new Date(start.getTime() + 3_600_000).toISOString(),
        },
      });
      expect(res.status).toBe(200);
      current = res.body.sessionId;
      expect(await event()).toEqual({
        uid,
        start: icsUtc(start),
        sequence: String(i),
        status: "CONFIRMED",
      });
    }
    const cancel = await t.call("POST", `/api/sessions/${current}/cancel`, {
      token: w.teacher.token,
      body: {},
    });
    expect(cancel.status).toBe(200);
    expect(await event()).toMatchObject({ uid, sequence: "3", status: "CANCELLED" });
  });
});
