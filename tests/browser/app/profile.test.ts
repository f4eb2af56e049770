/// <reference types="mocha" />
/**
 * The profile screen's time zone in Chromium, over a real RxDB database (memory storage):
 * the platform's zones suggested with the device's own first, an unknown zone refused
 * inline before anything is saved (the error tied to the field, axe-clean), a known one
 * saved in its proper spelling — and, where `Intl.supportedValuesOf` is missing, a plain
 * field checked the same way.
 */
import { h, render } from "preact";
import { LocationProvider } from "preact-iso";
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { localState } from "../../../client/app/data/local";
import { forgetSession, saveSession } from "../../../client/app/data/session";
import { Profile } from "../../../client/app/screens/profile";
import { createPeerloopDatabase, type PeerloopDatabase } from "../../../client/sync/index";
import { ids, sampleDocs } from "../../sync-client/fixtures";
import { check, tick, until } from "./support";

const ME = ids.user;
const DEVICE = Intl.DateTimeFormat().resolvedOptions().timeZone;
// A stored zone that is not the device's, so the device's zone is there to offer.
const STORED = DEVICE === "Asia/Tokyo" ? "America/New_York" : "Asia/Tokyo";

let root: HTMLElement;
let db: PeerloopDatabase<"profiles">;
let n = 0;

const field = () => root.querySelector<HTMLInputElement>("#f-timezone");
const errorText = () => root.querySelector("#f-timezone-error")?.textContent ?? "";
const stored = async () => (await db.profiles.findOne(ME).exec())?.toJSON();
function type(el: HTMLInputElement | null, value: string) {
  check(el, "the field");
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
}
async function save() {
  const b = [...root.querySelectorAll("button")].find((x) => x.textContent?.trim() === "Save");
  check(b, "the Save button");
  b.click();
  await tick();
}

async function showProfile() {
  render(h(LocationProvider, null, h(Profile, {})), root);
  await until(() => Boolean(field()), "the time zone field");
}

/** axe-core's WCAG A/AA rules on the rendered screen (as the e2e run does on every page). */
async function axeViolations(): Promise<string[]> {
  const w = window as unknown as {
    axe?: { run: (ctx: Element, o: object) => Promise<{ violations: { id: string }[] }> };
  };
  if (!w.axe) {
    const script = document.createElement("script");
    script.src = "/node_modules/axe-core/axe.min.js";
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  const r = await w.axe?.run(root, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
  return (r?.violations ?? []).map((v) => v.id);
}

beforeEach(async () => {
  root = document.createElement("div");
  document.body.append(root);
  db = await createPeerloopDatabase({
    name: `profile-ui-${++n}-${Date.now()}`,
    storage: getRxStorageMemory(),
    collections: ["profiles"],
    multiInstance: false,
  });
  await db.profiles.insert({ ...sampleDocs.profiles, timezone: STORED } as never);
  saveSession({
    token: "t".repeat(32),
    expiresAt: new Date(Date.now() + 1e9).toISOString(),
    user: { id: ME, name: "Jordan", email: "j@example.com" } as never,
  });
  localState.set({ kind: "ready", local: { userId: ME, db, sync: {} } as never });
});
afterEach(async () => {
  render(null, root);
  root.remove();
  localState.set({ kind: "none" });
  forgetSession();
  await db.close();
});

describe("profile time zone", () => {
  it("suggests the platform's zones with the device's first, and offers the device's zone", async () => {
    await showProfile();
    const input = field();
    check(input?.value === STORED, `shows the stored zone: ${input?.value}`);
    const list = root.querySelector(`datalist#${input.getAttribute("list")}`);
    const options = [...(list?.querySelectorAll("option") ?? [])].map((o) => o.value);
    const listed = Intl.supportedValuesOf("timeZone");
    check(options[0] === DEVICE, `the device's zone first: ${options.slice(0, 3)}`);
    check(options.length >= listed.length && options.length <= listed.length + 1, "every zone");
    check(new Set(options).size === options.length, "each zone once");
    const offer = [...root.querySelectorAll("button")].find((b) =>
      b.textContent?.startsWith("Use this device's zone"),
    );
    check(offer?.textContent === `Use this device's zone: ${DEVICE}`, `${offer?.textContent}`);
    offer.click();
    await until(() => field()?.value === DEVICE, "the device's zone in the field");
    check(!root.textContent?.includes("Use this device's zone"), "no offer once it is chosen");
    await save();
    await until(() => /Saved on this device/.test(root.textContent ?? ""), "saved");
    check((await stored())?.timezone === DEVICE, "stored the device's zone");
  });

  it("refuses an unknown zone inline, tied to the field, and saves nothing", async () => {
    await showProfile();
    const before = await stored();
    const name = root.querySelector<HTMLInputElement>("#f-name");
    type(name, "Jordan Changed");
    type(field(), "Europe/Atlantis");
    await save();
    await until(() => errorText() !== "", "the inline error");
    check(errorText().includes("“Europe/Atlantis” is not a time zone"), errorText());
    const input = field();
    check(input?.getAttribute("aria-invalid") === "true", "marked invalid");
    const describedBy = input.getAttribute("aria-describedby")?.split(" ") ?? [];
    check(describedBy.includes("f-timezone-error"), `described by the error: ${describedBy}`);
    check(document.activeElement === input, "focus on the field to fix");
    check(!/Saved on this device/.test(root.textContent ?? ""), "does not say saved");
    const after = await stored();
    check(after?.timezone === STORED && after.name === "Jordan", "nothing saved");
    check(JSON.stringify(after) === JSON.stringify(before), "the document is untouched");
    const violations = await axeViolations();
    check(violations.length === 0, `axe: ${violations.join(", ")}`);
  });

  it("checks on leaving the field; the error goes once the zone is right", async () => {
    await showProfile();
    type(field(), "Mars/Olympus");
    field()?.dispatchEvent(new FocusEvent("blur"));
    await until(() => errorText().includes("“Mars/Olympus”"), "the error on blur");
    type(field(), "Europe/Berl");
    await tick();
    check(errorText().includes("“Europe/Berl”"), `follows the typing: ${errorText()}`);
    type(field(), "Europe/Berlin");
    await until(() => !root.querySelector("#f-timezone-error"), "the error gone");
    check(field()?.getAttribute("aria-invalid") === null, "no longer invalid");
    check(!field()?.getAttribute("aria-describedby")?.includes("error"), "not described by it");
  });

  it("saves a known zone as the list spells it", async () => {
    await showProfile();
    type(field(), "  europe/berlin ");
    await save();
    await until(() => /Saved on this device/.test(root.textContent ?? ""), "saved");
    check((await stored())?.timezone === "Europe/Berlin", `${(await stored())?.timezone}`);
    check(field()?.value === "Europe/Berlin", `the field shows it: ${field()?.value}`);
  });

  it("refuses an empty zone", async () => {
    await showProfile();
    type(field(), "   ");
    await save();
    await until(() => errorText() !== "", "the inline error");
    check(errorText().startsWith("Choose a time zone"), errorText());
    check((await stored())?.timezone === STORED, "nothing saved");
  });

  describe("without Intl.supportedValuesOf", () => {
    const original = Object.getOwnPropertyDescriptor(Intl, "supportedValuesOf");
    beforeEach(() => {
      Object.defineProperty(Intl, "supportedValuesOf", { value: undefined, configurable: true });
    });
    afterEach(() => {
      if (original) Object.defineProperty(Intl, "supportedValuesOf", original);
    });

    it("is a free field, checked with Intl.DateTimeFormat", async () => {
      await showProfile();
      check(!field()?.hasAttribute("list") && !root.querySelector("datalist"), "no list");
      check(/A time zone name such as/.test(root.textContent ?? ""), "a hint for typing");
      type(field(), "Atlantis/Capital");
      await save();
      await until(() => errorText() !== "", "the inline error");
      check(errorText().includes("Use a name like Europe/London"), errorText());
      check((await stored())?.timezone === STORED, "nothing saved");
      type(field(), "America/Sao_Paulo");
      await until(() => errorText() === "", "the error gone");
      await save();
      await until(() => /Saved on this device/.test(root.textContent ?? ""), "saved");
      check((await stored())?.timezone === "America/Sao_Paulo", "stored as typed");
    });
  });
});
