/// <reference types="mocha" />
/**
 * The Sessions screen's parts in Chromium, over a real RxDB database (memory storage): a
 * session card in each state (time over, in progress, cancelled, rated), the cancel form
 * (the learner's warning with the real deadline, an optional reason written as a request),
 * open times when the server fails or cannot be reached, and editing a slot.
 */
import { h, render } from "preact";
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { localState } from "../../../client/app/data/local";
import { dateTime } from "../../../client/app/lib/format";
import { AvailabilityEditor } from "../../../client/app/sessions/availability-editor";
import { OpenTimes } from "../../../client/app/sessions/open-times";
import { SessionCard } from "../../../client/app/sessions/session-card";
import type { RequestDoc, SessionDoc } from "../../../client/app/sessions/types";
import { createPeerloopDatabase, type PeerloopDatabase } from "../../../client/sync/index";
import { ME, request, session, TEACHER } from "../../sessions/docs";
import { check, tick, until } from "./support";

const H = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * H).toISOString();
const buttons = () => [...root.querySelectorAll("button")].map((b) => b.textContent?.trim());
const button = (name: string) => {
  const b = [...root.querySelectorAll("button")].find((x) => x.textContent?.trim() === name);
  check(b, `a ${name} button among ${buttons().join(", ")}`);
  return b as HTMLButtonElement;
};
const type = (el: Element | null, value: string) => {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
};

let root: HTMLElement;
let db: PeerloopDatabase<"sessions" | "availability" | "sessionRequests">;
let n = 0;

beforeEach(async () => {
  root = document.createElement("div");
  document.body.append(root);
  db = await createPeerloopDatabase({
    name: `sessions-ui-${++n}-${Date.now()}`,
    storage: getRxStorageMemory(),
    collections: ["sessions", "availability", "sessionRequests"],
    multiInstance: false,
  });
  localState.set({
    kind: "ready",
    local: { userId: ME, db, sync: {} } as never,
  });
});
afterEach(async () => {
  render(null, root);
  root.remove();
  localState.set({ kind: "none" });
  await db.close();
});

function card(s: SessionDoc, me: string, requests: RequestDoc[] = []) {
  const local = { userId: me, db, sync: {} } as never;
  render(null, root); // a fresh card each time: no state carried over between cases
  render(
    h(SessionCard, {
      s,
      me,
      token: "t",
      local,
      course: "Intro",
      other: me === ME ? "Marcus" : "Jordan",
      nameOf: (id: string) => (id === ME ? "Jordan" : "Marcus"),
      requests,
      nowMs: Date.now(),
    }),
    root,
  );
}

describe("session card", () => {
  it("a session whose time is over: the teacher may complete it, the learner waits", async () => {
    const s = session(at(-3));
    card(s, TEACHER);
    check(root.textContent?.includes("Needs completing"), root.textContent ?? "");
    check(buttons().join() === "Mark completed", `buttons: ${buttons().join()}`);
    button("Mark completed").click();
    await until(() => Boolean(root.querySelector("input[type=url]")), "the recording link field");
    card(s, ME);
    check(root.textContent?.includes("Waiting for the teacher to complete"), "learner's line");
    check(
      buttons().length === 0 && !root.querySelector("a.primary"),
      "nothing to do for the learner",
    );
  });

  it("the teacher starts from 15 minutes before; in progress keeps Join, no Cancel or Move", () => {
    card(session(at(0.2)), TEACHER);
    check(buttons().join() === "Start,Cancel,Move", `before: ${buttons().join()}`);
    card(session(at(-0.2), { status: "in_progress" }), TEACHER);
    check(buttons().join() === "Mark completed", `in progress: ${buttons().join()}`);
    check(root.querySelector("a.primary")?.textContent === "Join", "Join stays");
    check(root.textContent?.includes("In progress"), "says in progress");
  });

  it("the learner's cancel: the real deadline, an optional reason, written as a request", async () => {
    const s = session(at(30), { freeCancelUntil: at(6) });
    card(s, ME);
    button("Cancel").click();
    await until(() => Boolean(root.querySelector("textarea")), "the reason field");
    const notice = root.querySelector(".notice")?.textContent ?? "";
    check(notice.includes(`free until ${dateTime(s.freeCancelUntil)}`), notice);
    check(!notice.includes("12 hours"), notice);
    type(root.querySelector("textarea"), "Train strike");
    button("Cancel session").click();
    await until(() => /Cancellation sent/.test(root.textContent ?? ""), "confirmation");
    const [r] = (await db.sessionRequests.find().exec()).map((d) => d.toJSON());
    check(r?.kind === "cancel" && r.targetSessionId === s.id, JSON.stringify(r));
    check(r.reason === "Train strike" && r.userId === ME, JSON.stringify(r));
    card(s, ME, [r as RequestDoc]); // as the screen passes it, from its live query
    check(!buttons().includes("Cancel"), "no second cancel while it waits for the server");
  });

  it("a cancel or move waiting for the server: no second change meanwhile", () => {
    const s = session(at(30));
    card(s, ME, [request({ kind: "reschedule", targetSessionId: s.id })]);
    check(/Your move is waiting for the server/.test(root.textContent ?? ""), "says waiting");
    check(!buttons().includes("Cancel") && !buttons().includes("Move"), buttons().join());
    card(s, ME, [request({ kind: "reschedule", targetSessionId: s.id, status: "declined" })]);
    check(buttons().join() === "Cancel,Move", `after a decline: ${buttons().join()}`);
  });

  it("the teacher's cancel warns of nothing that would count", async () => {
    card(session(at(3), { freeCancelUntil: at(-9) }), TEACHER);
    button("Cancel").click();
    await until(() => Boolean(root.querySelector(".notice")), "the notice");
    const notice = root.querySelector(".notice")?.textContent ?? "";
    check(!/counts as used/.test(notice) && /never counts/.test(notice), notice);
  });

  it("a cancelled session says who cancelled, why, and whether it counted", () => {
    const s = session(at(2), {
      status: "cancelled",
      cancelledBy: ME,
      cancelReason: "Train strike",
      countsAsUsed: true,
    });
    card(s, TEACHER);
    const text = root.querySelector(".cancelled")?.textContent ?? "";
    check(/Cancelled by Jordan: “Train strike”/.test(text), text);
    check(/Counted as used by the learner/.test(text), text);
    card(s, ME);
    check(/Counted as one of your sessions/.test(root.textContent ?? ""), "learner's view");
    card({ ...s, countsAsUsed: false, cancelledBy: TEACHER, cancelReason: null }, ME);
    check(
      /Cancelled by Marcus\. Did not count/.test(root.textContent ?? ""),
      root.textContent ?? "",
    );
  });

  it("ratings: the form, a pending one, a declined one with its reason, the one given", async () => {
    const done = session(at(-30), { status: "completed" });
    card(done, ME);
    button("Rate Marcus").click();
    await until(() => Boolean(root.querySelector("input[type=radio]")), "the rating form");
    (root.querySelector("input[value='4']") as HTMLInputElement).click();
    button("Send rating").click();
    let r: RequestDoc | undefined;
    for (let i = 0; i < 100 && !r; i++, await tick()) {
      r = (await db.sessionRequests.find().exec())[0]?.toJSON() as RequestDoc | undefined;
    }
    check(r?.kind === "rate" && r.rating === 4, JSON.stringify(r));

    card(done, ME, [r as RequestDoc]);
    check(/Your rating \(4\/5\) is waiting for the server/.test(root.textContent ?? ""), "pending");
    const declined = request({
      ...r,
      status: "declined",
      declineCode: "already_rated",
      declineMessage: "You have already rated this session.",
    });
    card(done, ME, [declined]);
    check(/Rating not accepted — You have already rated/.test(root.textContent ?? ""), "refused");
    check(!buttons().includes("Rate Marcus"), "no new try after already_rated");
    const rated = {
      ...done,
      assessments: [
        {
          id: done.id,
          assessorId: ME,
          assesseeId: TEACHER,
          rating: 5,
          comment: "Clear",
          createdAt: done.createdAt,
        },
        {
          id: r.id,
          assessorId: TEACHER,
          assesseeId: ME,
          rating: 4,
          comment: null,
          createdAt: done.createdAt,
        },
      ],
    };
    card(rated, ME);
    const text = root.textContent ?? "";
    check(/You rated Marcus 5\/5: “Clear”/.test(text) && /Marcus rated you 4\/5/.test(text), text);
  });
});

describe("open times", () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });
  const openTimes = () =>
    render(
      h(OpenTimes, { teacherId: TEACHER, token: "t", label: "Intro", onPick: () => {} }),
      root,
    );

  it("an error answer is shown with Try again, which asks again", async () => {
    let calls = 0;
    window.fetch = (async () => {
      calls++;
      return new Response(JSON.stringify({ error: { code: "internal", message: "Boom." } }), {
        status: 503,
      });
    }) as typeof fetch;
    openTimes();
    await until(() => Boolean(root.querySelector("[role=alert]")), "the error");
    check(/Could not load open times: Boom\./.test(root.textContent ?? ""), root.textContent ?? "");
    button("Try again").click();
    await until(() => calls === 2, "a second request");
  });

  it("offline: the teacher's slots on the half-hour grid, minus their known sessions", async () => {
    window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const base = {
      userId: TEACHER,
      startTime: "00:00:00",
      endTime: "23:59:59",
      timezone: tz,
      isRecurring: true,
      specificDate: null,
    };
    await db.availability.bulkInsert(
      [0, 1, 2, 3, 4, 5, 6].map((d) => ({ ...base, id: crypto.randomUUID(), dayOfWeek: d })),
    );
    const next = Math.ceil(Date.now() / (30 * 60_000)) * 30 * 60_000;
    await db.sessions.insert(session(new Date(next + 2 * H).toISOString()));
    openTimes();
    await until(() => root.querySelectorAll(".open-times button").length > 0, "open times");
    check(/You are offline/.test(root.textContent ?? ""), "says offline");
    const times = [...root.querySelectorAll(".open-times button")].map((b) => b.textContent ?? "");
    check(
      times.every((t) => /:(00|30)$/.test(t)),
      `aligned: ${times.slice(0, 6).join()}`,
    );
    const local = (ms: number) =>
      new Date(ms).toLocaleTimeString("en-GB", {
        hour: "2-digit",
        minute: "2-digit",
        timeZone: tz,
      });
    check(times[0] === local(next), `first ${times[0]}, expected ${local(next)}`);
    // The booked hour (and the half hours overlapping it) are not offered that day.
    const first = times.slice(0, 8);
    check(
      !first.includes(local(next + 2 * H)) && !first.includes(local(next + 1.5 * H)),
      first.join(),
    );
    check(first.includes(local(next + 3 * H)), first.join());
  });
});

describe("availability editor", () => {
  it("edits a slot on the device, up to midnight", async () => {
    await db.availability.insert({
      id: crypto.randomUUID(),
      userId: ME,
      dayOfWeek: 6,
      startTime: "10:00:00",
      endTime: "13:00:00",
      timezone: "Europe/Berlin",
      isRecurring: true,
      specificDate: null,
    });
    render(h(AvailabilityEditor, { me: ME, local: { userId: ME, db, sync: {} } as never }), root);
    await until(() => /Saturday 10:00–13:00/.test(root.textContent ?? ""), "the slot");
    (root.querySelector("button[aria-label^='Edit Saturday']") as HTMLButtonElement).click();
    await until(() => Boolean(root.querySelector("form[aria-label^='Edit']")), "the edit form");
    const select = root.querySelector("#slot-day") as HTMLSelectElement;
    select.value = "0";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    type(root.querySelector("#slot-start"), "20:00");
    (root.querySelector("#slot-midnight") as HTMLInputElement).click();
    await tick();
    button("Save changes").click();
    await until(() => /Sunday 20:00–24:00/.test(root.textContent ?? ""), "the edited slot");
    const [doc] = (await db.availability.find().exec()).map((d) => d.toJSON());
    check(doc?.dayOfWeek === 0 && doc.startTime === "20:00:00", JSON.stringify(doc));
    check(doc.endTime === "23:59:59" && doc.timezone === "Europe/Berlin", JSON.stringify(doc));
    check(!root.querySelector("form[aria-label^='Edit']"), "back to adding");
  });

  it("adds a one-off slot on its date", async () => {
    render(h(AvailabilityEditor, { me: ME, local: { userId: ME, db, sync: {} } as never }), root);
    await until(() => Boolean(root.querySelector("#slot-date")), "the form");
    type(root.querySelector("#slot-date"), "2026-12-03");
    button("Add slot").click();
    await until(() => /2026-12-03 \(once\) 17:00–19:00/.test(root.textContent ?? ""), "the slot");
    const [doc] = (await db.availability.find().exec()).map((d) => d.toJSON());
    check(doc?.isRecurring === false && doc.specificDate === "2026-12-03", JSON.stringify(doc));
    check(doc.dayOfWeek === 4, `a Thursday: ${doc.dayOfWeek}`);
  });

  it("refuses a slot that ends before it starts, saying why", async () => {
    render(h(AvailabilityEditor, { me: ME, local: { userId: ME, db, sync: {} } as never }), root);
    await until(() => Boolean(root.querySelector("#slot-start")), "the form");
    type(root.querySelector("#slot-start"), "19:00");
    type(root.querySelector("#slot-end"), "18:00");
    button("Add slot").click();
    await until(() => Boolean(root.querySelector("[role=alert]")), "the error");
    check(/after the start/.test(root.textContent ?? ""), root.textContent ?? "");
    check((await db.availability.count().exec()) === 0, "nothing stored");
  });
});
